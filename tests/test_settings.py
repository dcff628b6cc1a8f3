"""Settings that could never work are refused when the client is built, with a JetEmailError that says which."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client.errors import InvalidSetting

from tests.calls import TOKEN, either_client

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
