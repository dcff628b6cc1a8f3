"""Calling any generated operation in-process: arguments drawn from the spec, requests recorded."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urljoin

import httpx
from hypothesis import strategies as st
from jetemail_api_client import AuthenticatedClient
from jetemail_api_client.errors import ResponseError

from tests.support.spec_contract import Operation, Parameter, RequestBody, operations, server_url
from tests.support.spec_values import python_value, strategy, wire_text

OPERATIONS = operations()
CLIENT_COOKIE = "spec-wide-client"
# The spec's server; a relative one (`/api`) resolved against a placeholder host, as a caller would set it.
BASE_URL = urljoin("https://spec.invalid/", server_url())
IDS = [op.id for op in OPERATIONS]
Handler = Callable[[httpx.Request], httpx.Response]


def module_of(op: Operation) -> ModuleType:
    try:
        return import_module(op.module)
    except ImportError as error:
        raise AssertionError(f"{op.id}: no generated module {op.module}; run `make generate`") from error


def send(op: Operation, client: AuthenticatedClient, kwargs: dict[str, Any]) -> None:
    """Make the call for what it sends; the answer (599, which a `default` response may claim) does not matter."""
    with contextlib.suppress(ResponseError):
        module_of(op).sync_detailed(client=client, **kwargs)


@dataclass
class Recorder:
    """A client whose requests reach `handler` in-process, each recorded."""

    handler: Handler = field(default=lambda request: httpx.Response(599))
    sent: list[httpx.Request] = field(default_factory=list)

    def client(self, **settings: Any) -> AuthenticatedClient:
        settings.setdefault("raise_on_unexpected_status", False)
        settings.setdefault("base_url", BASE_URL)
        settings.setdefault("cookies", {CLIENT_COOKIE: "kept"})  # the client's own cookie, beside the operation's
        transport = httpx.MockTransport(self._handle)
        return AuthenticatedClient(token="api_spec-wide", httpx_args={"transport": transport}, **settings)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return self.handler(request)


@dataclass(frozen=True)
class Drawn:
    """Arguments for one call: the JSON values drawn from the spec, and the SDK arguments standing for them."""

    values: dict[
        tuple[str, str], Any
    ]  # (location, wire name) -> JSON value: a path and a query parameter may share a name
    body: RequestBody | None
    body_value: Any  # the body's JSON value, when `body` is sent
    kwargs: dict[str, Any]


def draw(op: Operation, data: st.DataObject) -> Drawn:
    """Values for the operation's parameters (every required one, some optional ones) and body."""
    values: dict[tuple[str, str], Any] = {}
    kwargs: dict[str, Any] = {}
    for parameter in op.parameters:
        label = f"{parameter.location} {parameter.name}"
        if parameter.required or data.draw(st.booleans(), label=f"send {label}"):
            value = data.draw(parameter_values(parameter), label=label)
            values[parameter.key] = value
            kwargs[parameter.python_name] = python_value(parameter.type, value)
    body, body_value = None, None
    if op.bodies and (op.request_required or data.draw(st.booleans(), label="send body")):
        body = data.draw(st.sampled_from(op.bodies), label="content type") if len(op.bodies) > 1 else op.bodies[0]
        body_value = data.draw(body_values(body), label="body")
        kwargs["body"] = python_value(body.type, body_value)
    return Drawn(values, body, body_value, kwargs)


VISIBLE_ASCII = "".join(chr(code) for code in range(0x20, 0x7F)) + "\t"
COOKIE_OCTETS = "".join(c for c in VISIBLE_ASCII if c not in ' \t",;\\')
PLAIN_STRING_KEYWORDS = {"type", "minLength", "maxLength", "description", "example", "examples", "title"}


def parameter_values(parameter: Parameter) -> st.SearchStrategy[Any]:
    """Valid values for the parameter; in a header or cookie, only what HTTP can carry (the rest is
    tests/sdk/spec_wide/test_unsendable_values.py's business)."""
    schema = parameter.schema
    values = strategy(schema)
    if parameter.location in ("header", "cookie"):
        alphabet = VISIBLE_ASCII if parameter.location == "header" else COOKIE_OCTETS
        if schema.get("type") == "string" and set(schema) <= PLAIN_STRING_KEYWORDS:
            values = st.text(alphabet, min_size=schema.get("minLength", 0), max_size=schema.get("maxLength", 64))
        values = values.filter(lambda value: sendable_in_header(value, alphabet))
    if parameter.location == "path":  # an empty segment is no value: the spec cannot mean it
        values = values.filter(lambda value: str(value) != "")
    return values


def sendable_in_header(value: Any, alphabet: str = VISIBLE_ASCII) -> bool:
    items = value if isinstance(value, list) else [value]
    return all(set(wire_text(item)) <= set(alphabet) for item in items)


def body_values(body: RequestBody) -> st.SearchStrategy[Any]:
    if body.kind == "raw" or body.schema is None:
        return st.binary(max_size=64).map(lambda raw: raw.decode("latin-1"))
    return strategy(body.schema)


def path_pattern(op: Operation) -> re.Pattern[str]:
    """The raw paths the operation's template allows, one group per parameter, in order."""
    parts = re.split(r"\{([^}]+)\}", op.path)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<p{index // 2}>[^/?#]*)" for index, part in enumerate(parts)
    )
    return re.compile(f"{regex}$")


def path_values(op: Operation, raw_path: str) -> dict[str, str]:
    """The raw (still percent-encoded) segment each path parameter of a request target (path and query) became;
    fails if the request went to another route."""
    raw_path = raw_path.split("?")[0]
    prefix = httpx.URL(BASE_URL).raw_path.decode().rstrip("/")
    assert raw_path.startswith(prefix), f"{op.id}: the request left the base path {prefix!r}: {raw_path!r}"
    match = path_pattern(op).match(raw_path[len(prefix) :])
    assert match is not None, f"{op.id}: the request went to {raw_path!r}, another route"
    names = re.findall(r"\{([^}]+)\}", op.path)
    return {name: match.group(f"p{index}") for index, name in enumerate(names)}


def decoded(raw: str) -> str:
    return unquote(raw, errors="strict")
