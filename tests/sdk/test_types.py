"""The helpers behind every generated model and endpoint: the JSON type check of fields, path segments,
sendable header, cookie and query values, cookie parameters beside the client's cookies."""

from __future__ import annotations

import contextlib
import copy
import datetime
import enum
import io
import json
import pickle
from collections.abc import Callable
from enum import IntEnum, StrEnum
from http import HTTPStatus
from typing import Any

import attrs
import httpx
import pytest
from jetemail_api_client.errors import SchemaViolation
from jetemail_api_client.types import (
    UNSET,
    FieldError,
    File,
    LazyModule,
    Response,
    field_of,
    forward_compatible,
    json_type,
    sendable,
    url_path,
    with_cookies,
    with_options,
)

FIELD = attrs.fields(attrs.make_class("Example", {"value": attrs.field()})).value
ACCEPTED = [(bool, True), (str, ""), (int, 3), (int, -(2**70)), (float, 2.5), (float, 3), (str, UNSET), (int, UNSET)]
REFUSED = [(int, True), (float, False), (int, 2.5), (float, "2.5"), (str, None), (bool, 1), (str, b"bytes")]


@pytest.mark.parametrize(("expected", "value"), ACCEPTED)
def test_values_of_the_declared_json_type_or_unset_pass(expected: type, value: Any) -> None:
    json_type(expected)(None, FIELD, value)


@pytest.mark.parametrize(("expected", "value"), REFUSED)
def test_other_json_types_and_bools_for_numbers_are_refused(expected: type, value: Any) -> None:
    with pytest.raises(SchemaViolation, match=f"value must be {expected.__name__}, not {type(value).__name__}"):
        json_type(expected)(None, FIELD, value)


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("/", "%2F"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        ("a.b", "a.b"),
        ("../x", "..%2Fx"),
    ],
)
def test_a_path_value_stays_in_its_segment(value: str, segment: str) -> None:
    assert url_path("/keys/{key}/raw", key=value) == f"/keys/{segment}/raw"


@pytest.mark.parametrize("value", ["", "\ud800"])
def test_a_path_value_that_would_change_the_route_or_is_no_text_is_refused(value: str) -> None:
    with pytest.raises(SchemaViolation, match="path parameter key cannot be sent"):
        url_path("/keys/{key}", key=value)


@pytest.mark.parametrize(
    ("where", "value"),
    [("headers", "a\r\nInjected: 1"), ("headers", "caf\u00e9"), ("cookies", "a; admin=true"), ("cookies", "sp ace")],
)
def test_a_header_or_cookie_http_cannot_carry_is_refused_without_echoing_it(where: str, value: str) -> None:
    with pytest.raises(SchemaViolation, match=f"^{where[:-1]} X-Name cannot be sent") as refused:
        sendable({where: {"X-Name": value}})
    assert value not in str(refused.value)


def test_sendable_values_go_as_text_and_nulls_are_left_out() -> None:
    kwargs = sendable({"headers": {"X-Flag": True, "X-None": None}, "params": {"q": "caf\u00e9"}})
    assert kwargs == {"headers": {"X-Flag": "true"}, "params": {"q": "caf\u00e9"}}
    with pytest.raises(SchemaViolation, match="query parameter q"):
        sendable({"params": {"q": ["ok", "\udc80"]}})


def test_cookie_parameters_join_the_clients_cookies_and_replace_their_namesakes() -> None:
    request = httpx.Request("GET", "https://api.test/x", headers={"Cookie": "session=client; theme=dark"})
    assert with_cookies(request, {"session": "operation"}).headers["Cookie"] == "theme=dark; session=operation"
    assert with_cookies(httpx.Request("GET", "https://api.test/x"), {}).headers.get("Cookie") is None


class Colour(enum.Enum):
    RED = "red"
    ONE = 1


def test_enums_dates_and_lists_go_on_the_wire_as_their_values() -> None:
    moment = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
    headers = {"X-Enum": Colour.RED, "X-Number": Colour.ONE, "X-Day": datetime.date(2026, 11, 27), "X-At": moment}
    kwargs = sendable({"headers": {**headers, "X-List": [Colour.RED, 2, False]}})
    assert kwargs["headers"] == {
        "X-Enum": "red",
        "X-Number": "1",
        "X-Day": "2026-11-27",
        "X-At": "2026-11-27T10:00:00+00:00",
        "X-List": "red,2,false",
    }
    assert url_path("/x/{a}/{b}", a=Colour.RED, b=datetime.date(2026, 1, 2)) == "/x/red/2026-01-02"


def test_unset_is_falsy_and_a_file_is_the_tuple_httpx_sends() -> None:
    assert bool(UNSET) is False and not UNSET
    payload = io.BytesIO(b"data")
    assert File(payload=payload, file_name="a.csv", mime_type="text/csv").to_tuple() == ("a.csv", payload, "text/csv")


def test_unset_stays_the_one_unset_through_copy_deepcopy_and_pickle() -> None:
    """The generated code tests UNSET by identity (`is not UNSET`): a copy must be UNSET itself."""
    assert copy.copy(UNSET) is UNSET
    assert copy.deepcopy({"field": UNSET})["field"] is UNSET
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET


def test_a_raw_body_stream_is_read_into_bytes_before_sending() -> None:
    """A File's stream, read once: the async client cannot send a file object, and a retry resends bytes."""
    kwargs = sendable({"content": io.BytesIO(b"username\nsmtp-user9\n"), "headers": {"Content-Type": "text/csv"}})
    assert kwargs["content"] == b"username\nsmtp-user9\n"
    assert sendable({"content": b"as is"})["content"] == b"as is"


def test_responses_and_files_carry_no_per_instance_dict() -> None:
    """Both are slotted dataclasses: every response the SDK returns is one, and a slot costs less than a dict."""
    response: Response[None] = Response(status_code=HTTPStatus.OK, content=b"", headers=httpx.Headers(), parsed=None)
    for value in (response, File(payload=io.BytesIO(b""))):
        assert not hasattr(value, "__dict__")


def test_a_lazy_module_keeps_what_was_read_from_it() -> None:
    lazy = LazyModule("json", "json")
    assert lazy.dumps is json.dumps
    assert vars(lazy)["dumps"] is json.dumps  # the next read is a plain attribute, no import machinery


def test_extra_headers_join_the_operations_own_headers() -> None:
    kwargs = with_options(
        {"headers": {"Content-Type": "application/json"}}, timeout=UNSET, extra_headers={"X-A": "1"}, retries=UNSET
    )
    assert dict(kwargs["headers"]) == {"content-type": "application/json", "x-a": "1"}


class Shade(StrEnum):  # the shape of a generated str enum
    RED = "red"

    @classmethod
    def _missing_(cls, value: object) -> Shade | None:
        return forward_compatible(cls, value)


class Level(IntEnum):  # and of a generated int enum
    LOW = 1

    @classmethod
    def _missing_(cls, value: object) -> Level | None:
        return forward_compatible(cls, value)


def test_an_enum_value_the_spec_does_not_list_is_kept_as_a_member_equal_to_it() -> None:
    unlisted = Shade("violet")
    assert isinstance(unlisted, Shade) and str(unlisted) == "violet" and json.dumps(unlisted) == '"violet"'
    assert Shade("red") is Shade.RED and list(Shade) == [Shade.RED]  # known values stay the members they were
    assert pickle.loads(pickle.dumps(unlisted)) == unlisted and int(Level(7)) == 7 and json.dumps(Level(7)) == "7"
    wrong_types: list[tuple[Any, object]] = [(Shade, 3), (Level, "7"), (Level, 2.5)]
    for enum_class, wrong in wrong_types:
        with pytest.raises(ValueError):
            enum_class(wrong)  # another JSON type than the enum's is still refused


class Outer:
    pass


def read(model: type, *fields: str | tuple[str, str], failing: Callable[[], object]) -> None:
    """Runs `failing` inside field_of for each field (outermost first), as nested models' from_dict do."""
    with contextlib.ExitStack() as stack:
        for field in fields:
            stack.enter_context(field_of(model, *field) if isinstance(field, tuple) else field_of(model, field))
        failing()


def missing(key: str) -> Callable[[], object]:
    return lambda: dict[str, object]().pop(key)


def test_a_field_that_cannot_be_read_names_its_model_and_path() -> None:
    with pytest.raises(FieldError, match=r"^Outer\.status: required field missing$") as absent:
        read(Outer, "status", failing=missing("status"))
    assert (absent.value.model, absent.value.path) == ("Outer", ("status",))
    with pytest.raises(FieldError, match=r"^Outer\.created_at: Invalid isoformat string: 'yesterday'$"):
        read(Outer, ("created_at", "createdAt"), failing=lambda: datetime.datetime.fromisoformat("yesterday"))
    with pytest.raises(FieldError, match=r"^Outer\.created_at: required field missing$"):
        read(Outer, ("created_at", "createdAt"), failing=missing("createdAt"))  # its JSON name is what is missing
    with pytest.raises(FieldError, match=r"^Outer\.inner\.id: required field missing$") as nested:
        read(Outer, "inner", "id", failing=missing("id"))
    assert nested.value.path == ("inner", "id") and pickle.loads(pickle.dumps(nested.value)).path == ("inner", "id")
    with pytest.raises(FieldError, match=r"^Outer\.inner: 'other'$"):
        read(Outer, "inner", failing=missing("other"))  # another key's KeyError is not this field missing
    with pytest.raises(RuntimeError):
        read(Outer, "inner", failing=lambda: (_ for _ in ()).throw(RuntimeError("not a parse failure")))


def test_unset_reads_unset() -> None:
    assert repr(UNSET) == "UNSET" and f"{[UNSET]}" == "[UNSET]"
