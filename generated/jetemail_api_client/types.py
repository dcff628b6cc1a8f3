"""Contains some shared types for properties"""

from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import Attribute, define

from .errors import SchemaViolation


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


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


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


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


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "json_type", "status_code_of"]
