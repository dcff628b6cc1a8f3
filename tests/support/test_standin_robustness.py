"""The stand-in is a server other tools get pointed at: over raw sockets, whatever arrives gets a JSON answer
with a fitting status, and the stand-in stays up and serving."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.support.calls import OPERATION
from tests.support.spec_contract import SPEC
from tools.standin import DEFAULT_API_KEY, FAULT_HEADER, MAX_BODY_BYTES, MAX_TIMES, SEED_USERS, StandIn

DECLARED = {method.upper() for method in SPEC["paths"][OPERATION.path] if method != "parameters"}
AUTH = f"Bearer {DEFAULT_API_KEY}"


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


def raw(standin: StandIn, head: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Sends bytes as written (no client tidies them) and reads the one answer: status, headers, body."""
    host, port = standin.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head_bytes, _, content = answer.partition(b"\r\n\r\n")
    status_line, *lines = head_bytes.decode().split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, content


def still_serving(standin: StandIn) -> bool:
    body = {"username": SEED_USERS[0]}
    response = httpx.request("DELETE", standin.url + OPERATION.path, json=body, headers={"Authorization": AUTH})
    return response.status_code == 200


@pytest.mark.parametrize("method", sorted({"GET", "PUT", "POST", "PATCH", "DELETE", "TRACE", "PROPFIND"} - DECLARED))
def test_an_undeclared_method_on_a_known_path_is_405_with_allow_and_json(method: str, standin: StandIn) -> None:
    status, headers, content = raw(standin, f"{method} {OPERATION.path} HTTP/1.1\nHost: x\nContent-Length: 0\n")

    assert status == 405
    assert set(headers["allow"].split(", ")) == DECLARED
    assert headers["content-type"] == "application/json" and json.loads(content)["success"] is False


def test_an_unknown_path_is_404_in_json(standin: StandIn) -> None:
    status, _, content = raw(standin, "TRACE /nowhere HTTP/1.1\nHost: x\n")
    assert status == 404 and json.loads(content)["success"] is False


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " ", str(MAX_BODY_BYTES + 1), "9" * 40])
def test_a_bad_or_huge_content_length_is_400_not_a_crash_or_a_hang(length: str, standin: StandIn) -> None:
    head = f"{OPERATION.method} {OPERATION.path} HTTP/1.1\nHost: x\nAuthorization: {AUTH}\nContent-Length: {length}\n"

    status, headers, content = raw(standin, head, b"{}")

    error = json.loads(content)["error"]
    assert status == 400 and ("Content-Length" in error or "larger" in error)
    assert headers["connection"] == "close"
    assert still_serving(standin)


def test_a_chunked_body_is_411(standin: StandIn) -> None:
    head = f"{OPERATION.method} {OPERATION.path} HTTP/1.1\nHost: x\nAuthorization: {AUTH}\nTransfer-Encoding: chunked\n"
    status, _, content = raw(standin, head, b"2\r\n{}\r\n0\r\n\r\n")
    assert status == 411 and json.loads(content)["success"] is False
    assert still_serving(standin)


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_json_is_400(depth: int, standin: StandIn) -> None:
    body = b"[" * depth + b"]" * depth
    head = (
        f"{OPERATION.method} {OPERATION.path} HTTP/1.1\nHost: x\nAuthorization: {AUTH}\n"
        f"Content-Type: application/json\nContent-Length: {len(body)}\n"
    )
    status, _, content = raw(standin, head, body)
    assert status == 400 and json.loads(content)["success"] is False
    assert still_serving(standin)


@pytest.mark.parametrize(
    "query",
    ["name=no-such-fault", "", "name=drop&times=abc", "name=drop&times=0", f"name=drop&times={MAX_TIMES + 1}"],
)
def test_a_bad_fault_or_admin_argument_is_400(query: str, standin: StandIn) -> None:
    response = httpx.post(f"{standin.url}/_standin/faults?{query}")
    assert response.status_code == 400 and response.json()["success"] is False
    assert still_serving(standin)  # nothing was armed


def test_a_bad_fault_header_is_400(standin: StandIn) -> None:
    body = {"username": SEED_USERS[0]}
    headers = {"Authorization": AUTH, FAULT_HEADER: "no-such-fault"}
    response = httpx.request("DELETE", standin.url + OPERATION.path, json=body, headers=headers)
    assert response.status_code == 400
    assert SEED_USERS[0] in standin.users


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "Bearer", "bEaReR"])
def test_the_bearer_scheme_is_case_insensitive(scheme: str, standin: StandIn) -> None:
    body = {"username": SEED_USERS[0]}
    headers = {"Authorization": f"{scheme} {DEFAULT_API_KEY}"}
    assert httpx.request("DELETE", standin.url + OPERATION.path, json=body, headers=headers).status_code == 200


def test_what_the_spec_allows_the_standin_accepts(standin: StandIn) -> None:
    schema = OPERATION.request_schema or {}
    field = schema["required"][0]
    assert "minLength" not in schema["properties"][field]  # so "" is a valid value: not a 400, a user nobody has
    response = httpx.request("DELETE", standin.url + OPERATION.path, json={field: ""}, headers={"Authorization": AUTH})
    assert response.status_code == 404


@pytest.mark.parametrize("line", ["\x00\x01garbage", "GET", "DELETE /outbound/smarthost HTTP/9.9"])
def test_a_broken_request_line_gets_a_status_line_and_json(line: str, standin: StandIn) -> None:
    status, headers, content = raw(standin, f"{line}\n")
    assert 400 <= status < 600 and headers["content-type"] == "application/json"
    assert json.loads(content)["success"] is False
    assert still_serving(standin)
