import os
import ssl
import sys
import urllib.request
from typing import TYPE_CHECKING, Any, Self

import httpx
from attrs import define, evolve, field

from .errors import MissingApiKey

if TYPE_CHECKING:  # imported where used: httpx-retries pulls in asyncio, a fifth of the import time
    from httpx_retries import Retry

DEFAULT_BASE_URL = "https://api.jetemail.com"  # the spec's first server
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_RETRIES = 2
API_KEY_ENVIRONMENT_VARIABLE = "JETEMAIL_API_KEY"
USER_AGENT = f"jetemail-api-client/1.2.0 python/{sys.version_info[0]}.{sys.version_info[1]} httpx/{httpx.__version__}"
# Failures before any response: connecting failed, or the connection broke. Safe to retry for an idempotent
# call (a DELETE the server did process answers 404 on the retry: see the README). Read timeouts are left out.
RETRY_ON_EXCEPTIONS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError)
# What httpx hands the transport it builds itself; the SDK builds that transport (to retry), so they go there.
TRANSPORT_ARGS = ("cert", "http1", "http2", "limits", "proxy")


def retry_policy(retries: int = DEFAULT_RETRIES) -> "Retry":
    """Up to `retries` retries of idempotent methods on connection errors, 429, 502, 503 and 504, with
    exponential backoff and full jitter (up to 1 s, then 2 s, ...), honouring Retry-After up to 30 s."""
    from httpx_retries import Retry

    return Retry(total=retries, backoff_factor=0.5, max_backoff_wait=30.0, retry_on_exceptions=RETRY_ON_EXCEPTIONS)


def _api_key_from_environment() -> str:
    api_key = os.environ.get(API_KEY_ENVIRONMENT_VARIABLE, "")
    if not api_key:
        raise MissingApiKey(f"no API key: pass token=... or set {API_KEY_ENVIRONMENT_VARIABLE}")
    return api_key


def _environment_proxy(base_url: str) -> str | None:
    """The proxy HTTP(S)_PROXY or ALL_PROXY names for base_url unless NO_PROXY exempts it, as httpx would."""
    url = httpx.URL(base_url)
    if urllib.request.proxy_bypass(url.host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(url.scheme) or proxies.get("all")


def _with_retrying_transport(
    httpx_args: dict[str, Any], transport_class: Any, *, verify: Any, base_url: str, retries: "int | Retry"
) -> dict[str, Any]:
    """httpx_args with the transport wrapped in retries: the transport given, else the one httpx would build
    (TLS, limits, HTTP/2, the proxy given or, with trust_env, the environment's)."""
    from httpx_retries import Retry, RetryTransport

    args = {key: value for key, value in httpx_args.items() if key not in TRANSPORT_ARGS}
    transport = args.pop("transport", None)
    if transport is None:
        options = {key: httpx_args[key] for key in TRANSPORT_ARGS if key in httpx_args}
        trust_env = httpx_args.get("trust_env", True)
        if "proxy" not in options and trust_env:
            options["proxy"] = _environment_proxy(base_url)
        transport = transport_class(verify=verify, trust_env=trust_env, **options)
    retry = retries if isinstance(retries, Retry) else retry_policy(retries)
    return {**args, "transport": RetryTransport(transport=transport, retry=retry) if retry.total else transport}


@define
class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the spec's first server, DEFAULT_BASE_URL.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        errors.RequestTimeout (an httpx.TimeoutException) if this is exceeded. Defaults to
        DEFAULT_TIMEOUT (5 s to connect, 30 s for each read, write and pool wait); None disables it.

        ``retries``: How many times to retry an idempotent call on connection errors, 429, 502, 503
        and 504 (DEFAULT_RETRIES; 0 disables), or an httpx_retries.Retry for a policy of your own.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _retries: "int | Retry" = field(default=DEFAULT_RETRIES, kw_only=True, alias="retries")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, the client's headers."""
        return {"User-Agent": USER_AGENT, **self._headers}

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **_with_retrying_transport(
                    self._httpx_args,
                    httpx.HTTPTransport,
                    verify=self._verify_ssl,
                    base_url=self._base_url,
                    retries=self._retries,
                ),
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **_with_retrying_transport(
                    self._httpx_args,
                    httpx.AsyncHTTPTransport,
                    verify=self._verify_ssl,
                    base_url=self._base_url,
                    retries=self._retries,
                ),
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class AuthenticatedClient:
    """A Client which has been authenticated for use on secured endpoints

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the spec's first server, DEFAULT_BASE_URL.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        errors.RequestTimeout (an httpx.TimeoutException) if this is exceeded. Defaults to
        DEFAULT_TIMEOUT (5 s to connect, 30 s for each read, write and pool wait); None disables it.

        ``retries``: How many times to retry an idempotent call on connection errors, 429, 502, 503
        and 504 (DEFAULT_RETRIES; 0 disables), or an httpx_retries.Retry for a policy of your own.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
        token: The API key (api_...); defaults to $JETEMAIL_API_KEY
        prefix: The prefix to use for the Authorization header
        auth_header_name: The name of the Authorization header
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _retries: "int | Retry" = field(default=DEFAULT_RETRIES, kw_only=True, alias="retries")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    token: str = field(factory=_api_key_from_environment, repr=False)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, the client's headers, auth."""
        auth = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {"User-Agent": USER_AGENT, **self._headers, self.auth_header_name: auth}

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **_with_retrying_transport(
                    self._httpx_args,
                    httpx.HTTPTransport,
                    verify=self._verify_ssl,
                    base_url=self._base_url,
                    retries=self._retries,
                ),
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **_with_retrying_transport(
                    self._httpx_args,
                    httpx.AsyncHTTPTransport,
                    verify=self._verify_ssl,
                    base_url=self._base_url,
                    retries=self._retries,
                ),
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
