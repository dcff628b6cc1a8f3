"""The shape of the clients, in every variant (JetEmail, AsyncJetEmail, each with_raw_response): resources are
lightweight (no attributes beyond the client they share), the clients can be weakly referenced, a wrong body is
refused in each variant, and the package loads its clients on first use."""

from __future__ import annotations

import asyncio
import importlib
import weakref
from collections.abc import Iterator
from typing import Any

import httpx
import jetemail_api_client
import pytest
from jetemail_api_client import AsyncJetEmail, JetEmail

from scripts.version_policy import built_version
from tests.support.calls import OPERATION, TOKEN, fields
from tests.support.spec_contract import SPEC, placement

VARIANTS = [(asynchronous, raw) for asynchronous in (False, True) for raw in (False, True)]
IDS = [f"{'async' if a else 'sync'}{'-raw' if r else ''}" for a, r in VARIANTS]


def root(asynchronous: bool, raw: bool, sent: list[httpx.Request]) -> Any:
    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(OPERATION.success.status, json=OPERATION.success.example)

    transport = httpx.MockTransport(record)
    http = httpx.AsyncClient(transport=transport) if asynchronous else httpx.Client(transport=transport)
    client = (AsyncJetEmail if asynchronous else JetEmail)(api_key=TOKEN, http_client=http)  # type: ignore[arg-type]
    return client.with_raw_response if raw else client


def resources(client: Any) -> Iterator[Any]:
    """The client and every resource below it, along the operation's place."""
    yield client
    for name in placement(OPERATION).chain:
        client = getattr(client, name)
        yield client


def call(asynchronous: bool, method: Any, **arguments: Any) -> Any:
    return asyncio.run(method(**arguments)) if asynchronous else method(**arguments)


@pytest.mark.parametrize(("asynchronous", "raw"), VARIANTS, ids=IDS)
def test_resources_take_no_stray_attributes_and_clients_can_be_weakly_referenced(asynchronous: bool, raw: bool) -> None:
    client = root(asynchronous, raw, [])
    for resource in resources(client):
        with pytest.raises(AttributeError):
            resource.stray = 1
    assert weakref.ref(root(asynchronous, False, [])) is not None


@pytest.mark.parametrize(("asynchronous", "raw"), VARIANTS, ids=IDS)
def test_each_variant_refuses_a_wrong_body_or_both_forms_before_sending(asynchronous: bool, raw: bool) -> None:
    sent: list[httpx.Request] = []
    *_, resource = resources(root(asynchronous, raw, sent))
    method = getattr(resource, placement(OPERATION).method)
    with pytest.raises(TypeError, match="body must be"):
        call(asynchronous, method, body=dict(OPERATION.request_example))  # the JSON, not the model
    with pytest.raises(TypeError, match="not both"):
        call(asynchronous, method, body=object(), **fields("a"))
    assert sent == []
    call(asynchronous, method, **fields("a"))
    assert len(sent) == 1


def test_the_package_loads_its_clients_on_first_use() -> None:
    package = importlib.reload(jetemail_api_client)  # its lines run here, in this test
    for name, module in (
        ("JetEmail", "api"),
        ("AsyncJetEmail", "api"),
        ("AuthenticatedClient", "client"),
        ("Client", "client"),
    ):
        package.__dict__.pop(name, None)
        value = getattr(package, name)
        assert value is getattr(importlib.import_module(f"{package.__name__}.{module}"), name)
        assert package.__dict__[name] is value  # kept: the next read is a plain lookup
    with pytest.raises(AttributeError, match="Nope"):
        package.Nope  # noqa: B018
    assert package.__version__ == built_version()
    assert SPEC["info"]["version"] == package.API_VERSION
