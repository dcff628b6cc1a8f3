"""Settings that could never work are refused when the client is built, with a JetEmailError that says which."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jetemail_api_client import AsyncJetEmail, AuthenticatedClient, Client, JetEmail
from jetemail_api_client.errors import InvalidSetting, SchemaViolation

from tests.support.calls import TOKEN, either_client, fields

BAD_BASE_URLS = ["api.jetemail.example/v1", "localhost:8080", "http://", "ftp://files.example", "", "http://[::1"]


@pytest.mark.parametrize("client_class", [AuthenticatedClient, Client])
@pytest.mark.parametrize("base_url", BAD_BASE_URLS)
def test_a_base_url_without_scheme_or_host_is_refused_at_construction(client_class: type, base_url: str) -> None:
    settings = {"token": TOKEN} if client_class is AuthenticatedClient else {}
    with pytest.raises(InvalidSetting, match="base_url"):
        client_class(base_url=base_url, **settings)


CLIENT_CLASSES = [AuthenticatedClient, Client]


def build(client_class: type[Client | AuthenticatedClient], **settings: Any) -> object:
    return either_client(client_class, **settings)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "ALL_PROXY", "https_proxy"])
@pytest.mark.parametrize(
    "proxy", ["not a url", "gopher://user:s3cret@proxy.example:70", "http://user:s3cret@[::1:3128"]
)
def test_a_malformed_proxy_variable_is_refused_at_construction_without_its_credentials(
    client_class: type, variable: str, proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, proxy)

    with pytest.raises(InvalidSetting, match="proxy") as raised:
        build(client_class, base_url="https://api.example.com")
    assert "s3cret" not in str(raised.value)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_a_malformed_proxy_argument_is_refused_at_construction(client_class: type) -> None:
    with pytest.raises(InvalidSetting, match="httpx_args"):
        build(client_class, httpx_args={"proxy": "not a url"})
    build(client_class, httpx_args={"proxy": "http://proxy.example:3128"})
    build(client_class, httpx_args={"proxy": httpx.Proxy("http://proxy.example:3128")})


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_the_environment_proxy_is_not_checked_when_trust_env_is_off_or_a_proxy_is_given(
    client_class: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "not a url")
    build(client_class, base_url="https://api.example.com", httpx_args={"trust_env": False})
    build(client_class, base_url="https://api.example.com", httpx_args={"proxy": "http://proxy.example:3128"})


BAD_SETTINGS: dict[str, list[Any]] = {
    "timeout": [-1, float("inf"), float("nan"), "5", True],
    "retries": [-1, 1.5, "2", True, None],
    "deadline": [0, -1, float("inf"), "60", True],
    "max_response_bytes": [0, -5, 1.5, "10", True],
}
CASES = [(name, value) for name, values in BAD_SETTINGS.items() for value in values]


@pytest.mark.parametrize("client_class", [*CLIENT_CLASSES, JetEmail, AsyncJetEmail])
@pytest.mark.parametrize(("name", "value"), CASES, ids=[f"{name}={value!r}" for name, value in CASES])
def test_a_timeout_retries_deadline_or_size_that_cannot_work_is_refused_at_construction(
    client_class: type, name: str, value: object
) -> None:
    settings: dict[str, Any] = {name: value}
    with pytest.raises(InvalidSetting, match=name):
        if client_class in (JetEmail, AsyncJetEmail):
            client_class(api_key=TOKEN, **settings)
        else:
            build(client_class, **settings)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_numbers_are_timeouts_and_none_disables_them(client_class: type[Client | AuthenticatedClient]) -> None:
    for timeout in (2, 2.5, None, httpx.Timeout(1.0, connect=0.5)):
        build(client_class, timeout=timeout)
    assert repr(JetEmail(api_key=TOKEN, timeout=0)).startswith("JetEmail(")


PER_CALL: list[tuple[dict[str, Any], type[Exception]]] = [
    *[({"timeout": value}, InvalidSetting) for value in BAD_SETTINGS["timeout"]],
    *[({"retries": value}, InvalidSetting) for value in BAD_SETTINGS["retries"] if value is not None],
    ({"extra_headers": {"": "x"}}, SchemaViolation),
    ({"extra_headers": {"X Trace": "x"}}, SchemaViolation),
    ({"extra_headers": {"X-Trace:": "x"}}, SchemaViolation),
    ({"extra_headers": {"X-Trace": "a\r\nInjected: yes"}}, SchemaViolation),
]


@pytest.mark.parametrize(("options", "error"), PER_CALL, ids=[repr(options) for options, _ in PER_CALL])
def test_a_calls_options_that_cannot_work_are_refused_before_sending(
    options: dict[str, Any], error: type[Exception]
) -> None:
    sent: list[httpx.Request] = []
    client = JetEmail(api_key=TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(sent.append)))  # type: ignore[arg-type]
    with pytest.raises(error):
        client.outbound.smarthost.delete(**fields("smtp-user1"), **options)
    assert sent == []
