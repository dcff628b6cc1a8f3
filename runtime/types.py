"""Contains some shared types for properties."""

import datetime
import enum
import importlib
import json
import math
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, Literal, TypeVar
from urllib.parse import quote

import httpx

if TYPE_CHECKING:
    from attrs import Attribute


from ._retries import RETRIES_OPTION, policy_of, retries_of
from .errors import PARSE_FAILURES, InvalidSetting, SchemaViolation


class Unset:
    """The type of UNSET: a field or argument that was not given (as distinct from None, JSON's null)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"  # in every model's repr and in help(): not <...Unset object at 0x...>

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@dataclass(slots=True)
class File:
    """Contains information for file uploads."""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data."""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@dataclass(slots=True)
class Response(Generic[T]):
    """A response from an endpoint."""

    status_code: HTTPStatus | int  # any status, IANA-registered or not (Cloudflare's 520)
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


@dataclass(frozen=True, slots=True)
class UndocumentedSuccess:
    """A 2xx status the spec does not document for the operation (a DELETE answering 204 where the spec says 200).

    The call succeeded: the resource clients return this rather than raise, with the status, headers and raw body.
    """

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    def json(self) -> Any:
        """The body read as JSON (ValueError when it is not)."""
        return json.loads(self.content)


_REGISTERED = {status.value: status for status in HTTPStatus}


def status_code_of(code: int) -> HTTPStatus | int:
    """The HTTPStatus for a registered code, else the plain int (a dict lookup: this runs on every call)."""
    return _REGISTERED.get(code, code)


def json_type(expected: type) -> Callable[[Any, "Attribute[Any]", Any], None]:
    """An attrs validator: the value is UNSET or of the JSON type the spec declares (a bool is no number)."""
    accepted = (int, float) if expected is float else (expected,)

    def validate(instance: Any, attribute: "Attribute[Any]", value: Any) -> None:
        if isinstance(value, Unset) or (
            isinstance(value, accepted) and (expected is bool or not isinstance(value, bool))
        ):
            return
        raise SchemaViolation(
            f"{type(instance).__name__}.{attribute.name} must be {expected.__name__}, not {type(value).__name__}"
        )

    return validate


def _text(value: object) -> str:
    """A parameter value as it goes on the wire (booleans as JSON spells them, dates in ISO 8601)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _text(value.value)
    if isinstance(value, datetime.date):  # datetime.datetime included
        return value.isoformat()
    return str(value)


def _unicode(where: str, text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SchemaViolation(f"{where} cannot be sent: it is not valid Unicode (a lone surrogate)") from None
    return text


def _segment(name: str, value: object) -> str:
    text = _unicode(f"path parameter {name}", _text(value))
    if not text:
        raise SchemaViolation(f"path parameter {name} cannot be sent: an empty value would change the route")
    return quote(text, safe="")


def url_path(template: str, /, **values: object) -> str:
    """The request path: each value percent-encoded into one segment, so that no value can change the route.

    '/', '?', '#' and '%' are encoded, a segment of dots such as '..' is sent as %2E%2E, and an empty one is
    refused.
    """
    path = template.format(**{name: _segment(name, value) for name, value in values.items()})
    return "/".join(part.replace(".", "%2E") if part and not part.strip(".") else part for part in path.split("/"))


# What RFC 9110 allows in a field value, as httpx sends it (ASCII): visible characters, space and tab; and what
# RFC 6265 allows in a cookie value (no space, quote, comma, semicolon or backslash, which would split it).
_HEADER_VALUE = (re.compile(r"[\t\x20-\x7e]*"), "only visible ASCII characters, spaces and tabs are allowed")
_COOKIE_VALUE = (re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*"), 'only visible ASCII without " , ; \\')


def _header_text(where: str, value: object, allowed: tuple["re.Pattern[str]", str] = _HEADER_VALUE) -> str:
    text = ",".join(_text(item) for item in value) if isinstance(value, list) else _text(value)
    if not allowed[0].fullmatch(text):
        raise SchemaViolation(f"{where} cannot be sent: {allowed[1]}")
    return text


def _query_value(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return [_query_value(name, item) for item in value]
    return _unicode(f"query parameter {name}", value) if isinstance(value, str) else value


def sendable(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The request's keyword arguments, checked before anything is sent, a raw body's stream read into bytes.

    A header or cookie value that HTTP cannot carry (a line break, a non-ASCII character), or text that is not
    Unicode, is refused with SchemaViolation.
    """
    for where in ("headers", "cookies"):  # a None (a nullable parameter) is not sent, as in the query
        if where in kwargs:
            allowed = _HEADER_VALUE if where == "headers" else _COOKIE_VALUE
            kwargs[where] = {
                name: _header_text(f"{where[:-1]} {name}", value, allowed)
                for name, value in kwargs[where].items()
                if value is not None
            }

    if "params" in kwargs:
        kwargs["params"] = {name: _query_value(name, value) for name, value in kwargs["params"].items()}
    if "json" in kwargs:  # encoded here, as httpx would, so that what JSON cannot carry is refused by name
        try:
            encoded = json.dumps(kwargs.pop("json"), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            kwargs["content"] = encoded.encode("utf-8")
        except (TypeError, ValueError) as error:  # a set or object among the extra properties, NaN, a lone surrogate
            raise SchemaViolation(f"the request body cannot be sent as JSON: {type(error).__name__}: {error}") from None
    if hasattr(kwargs.get("content"), "read"):  # a raw File body: read once, so that the async client can send it
        kwargs["content"] = kwargs["content"].read()  # and a retry sends it whole, not the stream's empty rest
    return kwargs


class FieldError(SchemaViolation):
    """A response field that does not fit its schema, named by its model and path (GetSmtpUserOk.status)."""

    def __init__(self, model: str, path: tuple[str, ...], reason: str) -> None:
        self.model, self.path, self.reason = model, path, reason
        super().__init__(f"{model}.{'.'.join(path)}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.model, self.path, self.reason)


class field_of:
    """Names the model and field a value was read for in whatever reading it raises: `Model.field: reason`.

    The path grows through nested models (Outer.inner.field). `key` is the field's JSON name, when it differs.
    """

    __slots__ = ("_field", "_key", "_model")

    def __init__(self, model: type, field: str, key: str | None = None) -> None:
        self._model, self._field, self._key = model, field, field if key is None else key

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: Any) -> None:
        if isinstance(error, FieldError):
            raise FieldError(self._model.__name__, (self._field, *error.path), error.reason) from error
        if isinstance(error, KeyError) and error.args == (self._key,):
            raise FieldError(self._model.__name__, (self._field,), "required field missing") from error
        if isinstance(error, PARSE_FAILURES):
            raise FieldError(self._model.__name__, (self._field,), str(error)) from error


EnumType = TypeVar("EnumType", bound=enum.Enum)


def forward_compatible(enum_class: type[EnumType], value: object) -> EnumType | None:
    """A member for a value the spec's enum does not list (JetEmail added it after this SDK was generated).

    It is what the generated enums' _missing_ returns: an instance of the enum that reads, compares and is sent
    back as the value itself (`Status("disabled") == "disabled"`), typed as the enum. It is None (the enum's
    ValueError) for a value of another JSON type than the enum's.
    """
    base = str if issubclass(enum_class, str) else int if issubclass(enum_class, int) else None
    if base is None or not isinstance(value, base) or isinstance(value, bool):
        return None
    member: EnumType = base.__new__(enum_class, value)
    member._name_ = str(value)
    member._value_ = value
    return member


def json_object(model: str, value: object) -> Mapping[str, Any]:
    """The JSON object a model is read from; any other JSON value ([], "", a number, null) is a SchemaViolation."""
    if not isinstance(value, Mapping):
        raise SchemaViolation(f"{model} is read from a JSON object, not {type(value).__name__}")
    return value


def with_cookies(request: httpx.Request, cookies: dict[str, str]) -> httpx.Request:
    """The request with the operation's cookie parameters in its Cookie header, beside the client's own cookies.

    The client's cookies are those httpx put there from its jar, for this URL; a parameter replaces any of the
    same name. httpx deprecates per-request `cookies=`; a redirect drops this header and rebuilds it from the
    jar, so they never leak.
    """
    if cookies:
        client_cookies = request.headers.get("Cookie", "").split("; ")
        kept = [pair for pair in client_cookies if pair and pair.split("=")[0] not in cookies]
        request.headers["Cookie"] = "; ".join([*kept, *(f"{name}={value}" for name, value in cookies.items())])
    return request


class LazyModule:
    """A module imported when an attribute is first read from it.

    What was read is kept on this object, so the next read is a plain attribute lookup (the clients' methods reach
    their operation's module this way).
    """

    def __init__(self, name: str, package: str) -> None:
        self._name, self._package = name, package

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(importlib.import_module(self._name, self._package), attribute)
        setattr(self, attribute, value)
        return value


def given(**fields: Any) -> dict[str, Any]:
    """The keyword arguments that were passed (not UNSET).

    They are the fields a body is built from, or the settings a client is built with.
    """
    return {name: value for name, value in fields.items() if not isinstance(value, Unset)}


def timeout_of(value: object, where: str) -> httpx.Timeout | None:
    """A timeout as httpx takes it: None (none), an httpx.Timeout, or seconds for each phase.

    Anything else (a negative or infinite number, text, a bool) is refused with InvalidSetting.
    """
    if value is None or isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0:
        return httpx.Timeout(value)
    raise InvalidSetting(f"{where} must be seconds (a finite number >= 0), an httpx.Timeout or None, not {value!r}")


# A header's name (RFC 9110 token): a space, a colon or nothing at all would make another header, or none.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


# Headers that say where a request's body ends: one set by hand beside the one httpx sets would let a proxy read
# the body differently from the server (request smuggling), or break the request.
_FRAMING = frozenset({"content-length", "transfer-encoding", "host"})


def with_options(
    kwargs: dict[str, Any],
    *,
    timeout: float | httpx.Timeout | Unset | None,
    extra_headers: Mapping[str, str] | None,
    retries: int | Unset,
) -> dict[str, Any]:
    """An operation's request keyword arguments with one call's options applied.

    The options are its timeout (seconds for each phase, or an httpx.Timeout; still within the client's
    deadline), headers added (refused like any header HTTP cannot carry, with SchemaViolation) and its own
    number of retries.
    """
    if not isinstance(timeout, Unset):
        kwargs["timeout"] = timeout_of(timeout, "timeout")
    if extra_headers is not None and not isinstance(extra_headers, Mapping):
        raise SchemaViolation(f"extra_headers must be a mapping of names to values, not {type(extra_headers).__name__}")
    if extra_headers:
        for name in extra_headers:
            if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
                shown = repr(name) if isinstance(name, str) else f"of type {type(name).__name__}"
                raise SchemaViolation(f"extra header {shown} cannot be sent: a header name is a token (no spaces)")
            if name.lower() in _FRAMING:
                raise SchemaViolation(f"extra header {name!r} cannot be sent: the SDK frames the body itself")
        headers = httpx.Headers(kwargs.get("headers") or {})
        headers.update(sendable({"headers": dict(extra_headers)})["headers"])
        kwargs["headers"] = headers
    if not isinstance(retries, Unset):
        kwargs[RETRIES_OPTION] = policy_of(retries, "retries")
    return kwargs


__all__ = [
    "UNSET",
    "FieldError",
    "File",
    "FileTypes",
    "LazyModule",
    "RequestFiles",
    "Response",
    "UndocumentedSuccess",
    "Unset",
    "field_of",
    "forward_compatible",
    "given",
    "json_object",
    "json_type",
    "retries_of",
    "sendable",
    "status_code_of",
    "timeout_of",
    "url_path",
    "with_cookies",
    "with_options",
]
