"""The contract over real sockets: the SDK against the local JetEmail stand-in on 127.0.0.1, sync and async.

Retry backoffs are recorded, not slept (the autouse `sleeps` fixture); timeouts are the only waits.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import jetemail_api_client.models
import pytest
from jetemail_api_client import AuthenticatedClient
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.errors import RequestTimeout, TransportError, UnexpectedStatus
from jetemail_api_client.models import DeleteSmtpUserRequest

from scripts.oas import json_schema_of
from tests.support.calls import OPERATION
from tests.support.spec_contract import SPEC, VALIDATOR
from tests.support.spec_values import meaning
from tools.server_process import server_process
from tools.standin import DEFAULT_API_KEY, FAULT_HEADER, FAULTS, SEED_USERS, STATUS_HEADER, StandIn

SPEC_OPERATION = OPERATION.spec_entry
SPEC_PATHS = SPEC["paths"]
MODES = ("sync", "async")


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


def client_for(server: StandIn, **settings: Any) -> AuthenticatedClient:
    settings.setdefault("token", DEFAULT_API_KEY)
    return AuthenticatedClient(base_url=server.url, **settings)


def delete(mode: str, client: AuthenticatedClient, username: str) -> Any:
    """delete_outbound_smarthost.sync_detailed or .asyncio_detailed, with the client closed afterwards."""
    body = DeleteSmtpUserRequest(username=username)
    if mode == "sync":
        with client:
            return endpoint.sync_detailed(client=client, body=body)

    async def run() -> Any:
        async with client:
            return await endpoint.asyncio_detailed(client=client, body=body)

    return asyncio.run(run())


# How to make the stand-in answer each documented status as JetEmail would: (client settings, username). A 400
# needs a body the SDK refuses to send (it checks the schema first): the stand-in is asked for it.
TRIGGERS: dict[int, tuple[dict[str, Any], str]] = {
    200: ({}, SEED_USERS[0]),
    401: ({"token": "api_wrong-key"}, SEED_USERS[0]),
    404: ({}, "no-such-user"),
    500: ({"headers": {FAULT_HEADER: "server-error"}}, SEED_USERS[0]),
}


def trigger(status: int) -> tuple[dict[str, Any], str]:
    """The known way to provoke `status`, else asking the stand-in for it (a status a newer spec added)."""
    return TRIGGERS.get(status, ({"headers": {STATUS_HEADER: str(status)}}, SEED_USERS[0]))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", OPERATION.statuses)
def test_documented_response_over_loopback(status: int, mode: str, standin: StandIn) -> None:
    settings, username = trigger(status)

    response = delete(mode, client_for(standin, **settings), username)

    documented = OPERATION.response(status)
    assert response.status_code == status
    assert type(response.parsed) is getattr(jetemail_api_client.models, documented.model_name or "")
    assert meaning(response.parsed.to_dict(), documented.schema) == meaning(documented.example, documented.schema)
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize("mode", MODES)
def test_delete_removes_the_user_then_404(mode: str, standin: StandIn) -> None:
    assert delete(mode, client_for(standin), SEED_USERS[1]).status_code == 200
    assert SEED_USERS[1] not in standin.users
    assert delete(mode, client_for(standin), SEED_USERS[1]).status_code == 404


@pytest.mark.parametrize("mode", MODES)
def test_refused_port_is_a_transport_error(mode: str) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = AuthenticatedClient(base_url=f"http://127.0.0.1:{port}", token=DEFAULT_API_KEY)

    with pytest.raises(TransportError) as raised:
        delete(mode, client, SEED_USERS[0])

    assert isinstance(raised.value.__cause__, httpx.ConnectError)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", ["drop", "drop-mid-body"])
def test_dropped_connection_is_a_transport_error(fault: str, mode: str, standin: StandIn) -> None:
    client = client_for(standin, headers={FAULT_HEADER: fault})

    with pytest.raises(TransportError) as raised:
        delete(mode, client, SEED_USERS[0])

    assert isinstance(raised.value.__cause__, httpx.RemoteProtocolError)


@pytest.mark.parametrize("mode", MODES)
def test_slow_reply_trips_the_timeout(mode: str, standin: StandIn) -> None:
    client = client_for(standin, headers={FAULT_HEADER: "slow"}, timeout=httpx.Timeout(0.2))

    with pytest.raises(RequestTimeout):
        delete(mode, client, SEED_USERS[0])


@pytest.mark.parametrize("mode", MODES)
def test_503_with_retry_after_is_retried_then_succeeds(mode: str, standin: StandIn, sleeps: list[float]) -> None:
    standin.arm("unavailable")

    response = delete(mode, client_for(standin), SEED_USERS[2])

    assert response.status_code == 200
    assert standin.served[503] == 1
    assert sleeps == [1.0]  # the stand-in's Retry-After


@pytest.mark.parametrize("mode", MODES)
def test_html_502_is_retried_and_surfaces_as_unexpected_status(mode: str, standin: StandIn) -> None:
    with pytest.raises(UnexpectedStatus) as raised:
        delete(mode, client_for(standin, headers={FAULT_HEADER: "bad-gateway-html"}), SEED_USERS[0])

    assert raised.value.status_code == 502
    assert raised.value.content.startswith(b"<html>")
    assert standin.served[502] == 3


SCENARIOS: dict[str, dict[str, Any]] = {
    **{f"documented {status}": {"status": status} for status in OPERATION.statuses},
    **{f"fault {name}": {"fault": name} for name in ("server-error", "unavailable", "bad-gateway-html")},
    "invalid JSON": {"content": b"{nope", "expect": 400},
    "wrong Content-Type": {"content": b'{"username": "x"}', "content_type": "text/plain", "expect": 400},
    "username of the wrong type": {"content": b'{"username": 5}', "expect": 400},
    "username missing": {"content": b"{}", "expect": 400},
    "no Authorization": {"token": None, "expect": 401},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_response_of_the_standin_validates_against_the_spec(scenario: str, standin: StandIn) -> None:
    case = SCENARIOS[scenario]
    settings, username = trigger(case["status"]) if "status" in case else ({}, SEED_USERS[0])
    token = settings.get("token", DEFAULT_API_KEY) if "token" not in case else case["token"]
    headers = {"Content-Type": case.get("content_type", "application/json"), **settings.get("headers", {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if "fault" in case:
        headers[FAULT_HEADER] = case["fault"]
    content = case.get("content", json.dumps({"username": username}).encode())

    response = httpx.request("DELETE", standin.url + OPERATION.path, content=content, headers=headers)

    documented = SPEC_OPERATION["responses"].get(str(response.status_code))
    if documented is None:  # only the faults answer with undocumented statuses
        assert "fault" in case and case["fault"] in FAULTS, (scenario, response.status_code)
        return
    assert response.status_code == case.get("expect", case.get("status", response.status_code))
    schema = json_schema_of(documented.get("content", {}))
    assert schema is not None
    VALIDATOR(schema).validate(response.json())


def test_unknown_path_is_404_and_undeclared_method_405(standin: StandIn) -> None:
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    declared = {method.upper() for method in SPEC_PATHS[OPERATION.path]}
    undeclared = next(method for method in ("GET", "PUT", "POST", "PATCH", "DELETE") if method not in declared)
    assert httpx.request(undeclared, standin.url + OPERATION.path, headers=headers).status_code == 405
    assert httpx.delete(standin.url + "/outbound/elsewhere", headers=headers).status_code == 404


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_standin_prints_its_url_and_stops_cleanly_on_a_signal(signum: int) -> None:
    with server_process("tools.standin", "--port", "0") as (process, url):
        assert httpx.get(url + "/_standin/stats").status_code == 200

        process.send_signal(signum)

        assert process.wait(timeout=10) == 0
        assert process.stdout is not None
        assert "stopped" in process.stdout.read()
