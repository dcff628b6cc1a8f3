"""Calling delete_outbound_smarthost through each of its four variants against an in-process transport."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.models import DeleteSmtpUserRequest
from jetemail_api_client.types import Response

from tests.support.spec_contract import operation, server_url

OPERATION = operation("DELETE", "/outbound/smarthost")
REQUEST = DeleteSmtpUserRequest.from_dict(OPERATION.request_example)
VARIANTS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")
TOKEN = "api_contract-test-token"
Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Handler, **settings: Any) -> AuthenticatedClient:
    """A client on the spec's server URL whose requests reach `handler` in-process."""
    settings.setdefault("token", TOKEN)
    transport = httpx.MockTransport(handler)
    return AuthenticatedClient(base_url=server_url(), httpx_args={"transport": transport}, **settings)


CLIENT_CLASSES = (Client, AuthenticatedClient)


def either_client(client_class: type[Client | AuthenticatedClient], **settings: Any) -> Any:
    """A client of either class with these settings: the AuthenticatedClient with the test token."""
    return client_class(token=TOKEN, **settings) if client_class is AuthenticatedClient else client_class(**settings)


def fields(username: str) -> dict[str, Any]:
    """The request body's fields as the resource-style clients take them: keyword arguments (username=...)."""
    return {next(iter(OPERATION.request_example)): username}


def reply(status: int, content: bytes, headers: dict[str, str] | None = None) -> Handler:
    return lambda request: httpx.Response(status, content=content, headers=headers)


def call(variant: str, client: AuthenticatedClient, body: DeleteSmtpUserRequest = REQUEST) -> Any:
    """What the variant returns: the parsed model for sync/asyncio, the Response for *_detailed."""
    match variant:
        case "sync":
            return endpoint.sync(client=client, body=body)
        case "sync_detailed":
            return endpoint.sync_detailed(client=client, body=body)
        case "asyncio":
            return asyncio.run(endpoint.asyncio(client=client, body=body))
        case "asyncio_detailed":
            return asyncio.run(endpoint.asyncio_detailed(client=client, body=body))
    raise ValueError(variant)


def parsed(variant: str, result: Any) -> Any:
    if variant.endswith("_detailed"):
        assert isinstance(result, Response)
        return result.parsed
    return result
