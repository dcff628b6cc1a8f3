"""The client the operations send with: its settings, its httpx clients, and the request loop.

`Client` and `AuthenticatedClient` (in the generated client.py) subclass the classes here and add only what the
spec decides: the default base URL and the User-Agent. Every call goes through `_send` (or `_asend`), one loop
that makes the attempts, follows redirects, decides on retries, sleeps, reads the body within its cap and
logs each step, the same whether the SDK built the httpx client or the caller gave one.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import sys
import threading
import time
import urllib.request
import zlib
from collections.abc import Mapping
from typing import Any, ClassVar, Self

import httpx
from attrs import Factory, define, evolve, field

from ._decoding import ACCEPT_ENCODING, BodyDecoder, UnsupportedEncoding
from ._retries import (
    DEFAULT_RETRIES,
    MAX_TOTAL_SLEEP,
    RETRIES_OPTION,
    RetryPolicy,
    backoff,
    policy_of,
    retry_after,
    retryable_error,
)
from .errors import (
    ATTEMPT_EXTENSION,
    PREVIEW_BYTES,
    SECRET_HEADERS,
    ClientClosed,
    InvalidApiKey,
    InvalidSetting,
    MalformedResponse,
    MissingApiKey,
    RedirectRefused,
    ResponseTooLarge,
    RetryAfterTooLong,
    TransportError,
    transport_error,
)
from .types import timeout_of, with_cookies

logger = logging.getLogger(__name__.rpartition(".")[0] + ".client")

API_KEY_ENVIRONMENT_VARIABLE = "JETEMAIL_API_KEY"
BASE_URL_ENVIRONMENT_VARIABLE = "JETEMAIL_BASE_URL"
LOG_ENVIRONMENT_VARIABLE = "JETEMAIL_LOG"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
# One attempt (connect, send, headers, body) ends within this many seconds, however the server trickles its bytes.
DEFAULT_DEADLINE = 60.0
# A body larger than this (after decompression) raises ResponseTooLarge instead of filling the memory.
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# As openai-python sizes its pool: a thousand calls started at once each get a connection, none waits out the
# pool timeout; a hundred stay open for reuse.
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
# What httpx hands the transport it builds itself; the SDK builds that transport, so they go there.
_TRANSPORT_ARGS = ("cert", "http1", "http2", "limits", "proxy")
# What an API key may be: visible ASCII, no spaces (a pasted line break, space or curly quote is refused).
_API_KEY = re.compile(r"[\x21-\x7e]+")
# The request extension that counts the redirects followed within one attempt.
_REDIRECTS_EXTENSION = "jetemail_redirects"

__all__ = [
    "API_KEY_ENVIRONMENT_VARIABLE",
    "BASE_URL_ENVIRONMENT_VARIABLE",
    "DEFAULT_DEADLINE",
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "LOG_ENVIRONMENT_VARIABLE",
    "MAX_TOTAL_SLEEP",
    "AuthenticatedClientBase",
    "ClientBase",
    "RetryPolicy",
    "safe_url",
    "user_agent",
]


def _log_from_environment() -> None:
    """Makes the package's logger write to stderr when $JETEMAIL_LOG asks for it.

    JETEMAIL_LOG=debug or info: the package's logger writes to stderr from that level (as OPENAI_LOG does).
    Unset, or set to any other value, it leaves logging to the application.
    """
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(
        os.environ.get(LOG_ENVIRONMENT_VARIABLE, "").strip().lower()
    )
    package = logging.getLogger(__name__.rpartition(".")[0])
    if level is not None and not any(handler.name == LOG_ENVIRONMENT_VARIABLE for handler in package.handlers):
        handler = logging.StreamHandler()
        handler.set_name(LOG_ENVIRONMENT_VARIABLE)
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        package.addHandler(handler)
        package.setLevel(level)
        package.propagate = False  # written once, here, not again by the application's handlers


_log_from_environment()

# How many times this process has forked: a pool counts as this process's only when built in this generation.
# (A counter bumped in the child is cheaper than os.getpid() on every call.)
_forks = 0


def _count_fork() -> None:
    global _forks
    _forks += 1


os.register_at_fork(after_in_child=_count_fork)


def user_agent(distribution: str, version: str) -> str:
    """The User-Agent the SDK sends: the distribution and its version, then Python's and httpx's."""
    return f"{distribution}/{version} python/{sys.version_info[0]}.{sys.version_info[1]} httpx/{httpx.__version__}"


def sleep(seconds: float) -> None:
    """Waits between attempts (a name of its own, so that tests record the waits instead)."""
    time.sleep(seconds)


async def asleep(seconds: float) -> None:
    """Waits between attempts of an async call."""
    import asyncio  # loaded already wherever an async call runs; importing it up front costs half of httpx's time

    await asyncio.sleep(seconds)


def safe_url(url: str) -> str:
    """The URL as it may be shown: a password in it reads [redacted]."""
    try:
        userinfo = httpx.URL(url).userinfo.decode("ascii")
    except httpx.InvalidURL:
        return "[an invalid URL]"
    user, has_password, _ = userinfo.partition(":")
    return url.replace(f"{userinfo}@", f"{user}:[redacted]@", 1) if has_password else url


def _environment_proxy(base_url: str) -> str | None:
    """The proxy HTTP(S)_PROXY or ALL_PROXY names for base_url unless NO_PROXY exempts it, as httpx would."""
    url = httpx.URL(base_url)
    if urllib.request.proxy_bypass(url.host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(url.scheme) or proxies.get("all")


def api_key_from_environment(parameter: str = "token") -> str:
    """The key in $JETEMAIL_API_KEY; MissingApiKey, naming the parameter of the class being built, without one."""
    api_key = os.environ.get(API_KEY_ENVIRONMENT_VARIABLE, "")
    if not api_key:
        raise MissingApiKey(f"no API key: pass {parameter}=... or set {API_KEY_ENVIRONMENT_VARIABLE}")
    return api_key


def base_url_from_environment(default: str) -> str:
    """The base URL in $JETEMAIL_BASE_URL, else the given default (the spec's server): one rule for every client."""
    return os.environ.get(BASE_URL_ENVIRONMENT_VARIABLE) or default


def check_api_key(value: object, parameter: str = "token") -> None:
    """Refuses a key no request could carry, naming the parameter it was passed as.

    The message never contains the key.
    """
    if value == "":
        raise InvalidApiKey(f"{parameter} is empty: pass the API key (api_...) or set {API_KEY_ENVIRONMENT_VARIABLE}")
    if not isinstance(value, str):
        raise InvalidApiKey(f"{parameter} must be the API key as a str, not {type(value).__name__}")
    if not _API_KEY.fullmatch(value):
        raise InvalidApiKey(
            f"{parameter} ({len(value)} characters) holds a space, a line break, a control or a non-ASCII character;"
            " check how it was pasted"
        )


def _valid_api_key(instance: Any, attribute: Any, value: object) -> None:
    check_api_key(value, attribute.name)


def _valid_base_url(instance: Any, attribute: Any, value: object) -> None:
    try:
        url = httpx.URL(value) if isinstance(value, (str, httpx.URL)) else None
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host or url.query or url.fragment:
        raise InvalidSetting(
            "base_url must be an http:// or https:// URL with a host (no query or fragment), such as "
            + repr(type(instance).default_base_url)
        )


def _valid_timeout(instance: Any, attribute: Any, value: object) -> None:
    timeout_of(value, "timeout")


def _valid_retries(instance: Any, attribute: Any, value: object) -> None:
    policy_of(value, "retries")


def _valid_deadline(instance: Any, attribute: Any, value: object) -> None:
    if value is None:
        return
    if not (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0):
        raise InvalidSetting(f"deadline must be seconds (a finite number > 0) or None, not {value!r}")


def _valid_size(instance: Any, attribute: Any, value: object) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        raise InvalidSetting(f"max_response_bytes must be a number of bytes (an int > 0), not {value!r}")


def _valid_proxy(proxy: object, where: str) -> None:
    if proxy is None or isinstance(proxy, httpx.Proxy):
        return
    try:
        httpx.Proxy(url=proxy)  # type: ignore[arg-type]
    except (ValueError, TypeError, httpx.InvalidURL) as error:  # not the URL in the message: it may hold a password
        raise InvalidSetting(f"the proxy from {where} is not a valid proxy URL ({type(error).__name__})") from None


def _redirect_method_changes(request: httpx.Request, status_code: int) -> bool:
    """Whether following this redirect would change the method, as httpx's rules go.

    302 and 303 turn it into GET (but HEAD stays), and so does a POST answered 301.
    """
    method = request.method
    turned_into_get = (status_code in (302, 303) and method != "HEAD") or (status_code == 301 and method == "POST")
    return turned_into_get and method != "GET"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _within(timeout: httpx.Timeout | None, deadline: float | None) -> httpx.Timeout | None:
    """The timeout with each phase cut to the deadline: no single wait outlasts the whole attempt."""
    if deadline is None:
        return timeout
    phases = (
        (None, None, None, None) if timeout is None else (timeout.connect, timeout.read, timeout.write, timeout.pool)
    )
    connect, read, write, pool = (deadline if phase is None else min(phase, deadline) for phase in phases)
    cut = httpx.Timeout(connect=connect, read=read, write=write, pool=pool)
    return timeout if cut == timeout else cut


def _path_of(url: httpx.URL) -> str:
    """A URL's path as sent, percent-encoded: a line break in a value or a redirect stays %0A in a log."""
    return url.raw_path.split(b"?")[0].decode("ascii", "replace")


def _path(request: httpx.Request) -> str:
    return _path_of(request.url)


class _Attempts:
    """One call's attempts: their count, the waits between them and the log lines that say so."""

    def __init__(self, request: httpx.Request, policy: RetryPolicy, deadline: float | None) -> None:
        self.request, self.policy, self.deadline = request, policy, deadline
        self.retries = policy.retries(request.method)
        self.number, self.slept, self.started = 0, 0.0, 0.0
        self.ends_at: float | None = None

    def start(self) -> None:
        self.number += 1
        self.request.extensions[ATTEMPT_EXTENSION] = self.number
        self.started = time.monotonic()
        self.ends_at = None if self.deadline is None else self.started + self.deadline

    def ended(self, outcome: str) -> None:
        """DEBUG, for each attempt: method, path, status (or the error's kind), attempt n/m, seconds; never headers."""
        if logger.isEnabledFor(logging.DEBUG):  # what the message needs is not worked out for nothing
            logger.debug(
                "%s %s -> %s, attempt %d/%d, %.3f s",
                self.request.method,
                _path(self.request),
                outcome,
                self.number,
                self.retries + 1,
                time.monotonic() - self.started,
            )

    def _wait(self, wait: float, after: str) -> float | None:
        """The wait before the next attempt, within what is left of the call's sleep budget.

        The wait is logged at INFO. It is None when the retries or that budget are spent.
        """
        if self.number > self.retries or self.slept >= self.policy.max_total_sleep:
            return None
        wait = min(wait, self.policy.max_total_sleep - self.slept)
        self.slept += wait
        logger.info(
            "retrying %s %s in %.1f s after %s, attempt %d/%d",
            self.request.method,
            _path(self.request),
            wait,
            after,
            self.number + 1,
            self.retries + 1,
        )
        return wait

    def after_error(self, error: httpx.RequestError) -> float | None:
        """The wait before retrying a call whose attempt got no response; None when it is not retried."""
        if not retryable_error(error):
            return None
        return self._wait(backoff(self.policy, self.number), type(error).__name__)

    def after_status(self, response: httpx.Response) -> float | None:
        """The wait before retrying a call answered with this status (Retry-After, else the backoff).

        It is None when the call is not retried. RetryAfterTooLong is raised when the server asks for more than the
        policy sleeps.
        """
        if response.status_code not in self.policy.statuses or self.number > self.retries:
            return None
        asked = retry_after(response)
        if asked is not None and (not math.isfinite(asked) or asked > self.policy.max_retry_after):
            raise RetryAfterTooLong(
                response.status_code, b"", response.headers, retry_after=asked, attempts=self.number
            )
        wait = asked if asked else backoff(self.policy, self.number)
        return self._wait(wait, str(response.status_code))


class _Body:
    """A response body as its raw chunks arrive, decoded from its Content-Encoding in bounded steps.

    It is ended by ResponseTooLarge past the cap or by ReadTimeout past the attempt's deadline.
    """

    def __init__(self, response: httpx.Response, limit: int, call: _Attempts) -> None:
        self._response, self._limit, self._call = response, limit, call
        self._pieces: list[bytes] = []
        self._size = 0
        encoding = response.headers.get("Content-Encoding")
        try:
            self._decoder = BodyDecoder(encoding) if encoding else None
        except UnsupportedEncoding as error:
            raise MalformedResponse(
                response.status_code, b"", response.headers, str(error), attempts=call.number
            ) from None

    def add(self, chunk: bytes) -> None:
        for piece in self._decoder.feed(chunk) if self._decoder is not None else (chunk,):
            self._pieces.append(piece)
            self._size += len(piece)
            if self._size > self._limit:
                raise _too_large(self._response, b"".join(self._pieces)[:PREVIEW_BYTES], self._limit, self._call)
        if self._call.ends_at is not None and time.monotonic() > self._call.ends_at:
            raise httpx.ReadTimeout("the response took longer than the client's deadline", request=self._call.request)

    def whole(self) -> bytes:
        return b"".join(self._pieces)


def _too_large(response: httpx.Response, preview: bytes, limit: int, call: _Attempts) -> ResponseTooLarge:
    return ResponseTooLarge(
        response.status_code,
        preview,
        response.headers,
        f"the body is larger than max_response_bytes={limit}",
        attempts=call.number,
    )


def _within_cap(response: httpx.Response, limit: int, call: _Attempts) -> httpx.Response:
    """The response, unless its body (read already by an in-process transport) is over the cap."""
    if len(response.content) > limit:
        raise _too_large(response, response.content[:PREVIEW_BYTES], limit, call)
    return response


def _undecodable(response: httpx.Response, error: Exception, call: _Attempts) -> MalformedResponse:
    return MalformedResponse(
        response.status_code, b"", response.headers, f"the body cannot be decoded: {error}", attempts=call.number
    )


@define(kw_only=True)
class ClientBase:
    """What every client of this SDK shares: its settings, its httpx clients and the request loop.

    The settings are keyword arguments:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to $JETEMAIL_BASE_URL, else the spec's first server, DEFAULT_BASE_URL.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        errors.RequestTimeout (an httpx.TimeoutException) if this is exceeded. Defaults to
        DEFAULT_TIMEOUT (5 s to connect, 30 s for each read, write and pool wait); None disables it.

        ``retries``: How many times to retry an idempotent call on connection errors, 429, 502, 503
        and 504 (DEFAULT_RETRIES; 0 disables), or a RetryPolicy of your own.

        ``deadline``: The most seconds one attempt may take in all, however slowly the server sends
        (DEFAULT_DEADLINE; None disables). It is checked as data arrives, and each read waits at most
        the deadline: an attempt ends within deadline + one read gap.

        ``max_response_bytes``: The largest body read, after decompression (DEFAULT_MAX_RESPONSE_BYTES);
        a larger one raises errors.ResponseTooLarge.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in
        production, but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and
        ``httpx.AsyncClient`` constructor.

        ``raise_on_unexpected_status``: Whether to raise errors.UnexpectedStatus for a status the spec does
        not document for the operation (True), or to return None for it.
    """

    default_base_url: ClassVar[str]  # the spec's first server, set by the generated subclass
    user_agent: ClassVar[str]  # set by the generated subclass

    raise_on_unexpected_status: bool = field(default=True)
    _base_url: str = field(
        default=Factory(lambda self: base_url_from_environment(type(self).default_base_url), takes_self=True),
        alias="base_url",
        validator=_valid_base_url,
        repr=lambda url: repr(safe_url(url)),
    )
    # cookies, headers and httpx_args may hold secrets (a session, a proxy's password): repr leaves them out
    _cookies: dict[str, str] = field(factory=dict, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, alias="timeout", validator=_valid_timeout)
    _retries: int | RetryPolicy = field(default=DEFAULT_RETRIES, alias="retries", validator=_valid_retries)
    _deadline: float | None = field(default=DEFAULT_DEADLINE, alias="deadline", validator=_valid_deadline)
    _max_response_bytes: int = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, alias="max_response_bytes", validator=_valid_size
    )
    _verify_ssl: str | bool | Any = field(default=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    # What the httpx clients were built for (a process generation, an event loop), the lock that builds each
    # once however many threads make their first call together, and the kinds closed (sync, async).
    _built_for: dict[str, tuple[int, object]] = field(factory=dict, init=False, repr=False, eq=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False, eq=False)
    _closed: set[str] = field(factory=set, init=False, repr=False, eq=False)
    _policy: RetryPolicy = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        self._policy = policy_of(self._retries, "retries")
        _valid_proxy(self._httpx_args.get("proxy"), "httpx_args")
        if "proxy" not in self._httpx_args and self._httpx_args.get("trust_env", True):
            _valid_proxy(_environment_proxy(self._base_url), "the environment (HTTP(S)_PROXY, ALL_PROXY)")

    # Each returns an independent copy that builds its own httpx clients (the generator's changed the original's
    # httpx clients once they existed: mutation at a distance).
    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client matching this one with additional headers; this one is left as it is."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client matching this one with additional cookies; this one is left as it is."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A new client matching this one with a new timeout configuration; this one is left as it is."""
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, Accept-Encoding and the client's headers."""
        return {"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING, **self._headers}

    def _secret_headers(self) -> frozenset[str]:
        """The headers whose values an error or a log must never show."""
        return SECRET_HEADERS

    def _owner(self, kind: str) -> tuple[int, object]:
        """Who may use the httpx client of this kind: this process and, for the async one, this event loop."""
        asyncio = sys.modules.get("asyncio")  # not imported: no loop runs
        if kind == "async" and asyncio is not None:
            try:
                return _forks, asyncio.get_running_loop()
            except RuntimeError:  # not in a loop: the first loop that calls adopts the client
                pass
        return _forks, None

    def _usable(self, kind: str, client: httpx.Client | httpx.AsyncClient | None) -> bool:
        if kind in self._closed or (client is not None and client.is_closed):
            raise ClientClosed("this client was closed: create a new one")
        if client is None:
            return False
        built_for = self._built_for.get(kind)
        if built_for is None:  # set by set_httpx_client: the caller's to manage
            return True
        generation, loop = self._owner(kind)
        built_generation, built_loop = built_for
        if built_loop is None and loop is not None:
            self._built_for[kind] = (generation, loop)
        # A fork shares the pooled sockets with the parent (each would read the other's answers), and an async
        # pool belongs to the loop that opened it: both get fresh clients. The old ones are left, not closed.
        return bool(built_generation == generation and (built_loop is None or loop is None or built_loop is loop))

    def _client_args(
        self, transport_class: type[httpx.HTTPTransport] | type[httpx.AsyncHTTPTransport]
    ) -> dict[str, Any]:
        """How the SDK builds its httpx clients: the settings, every timeout already cut to the deadline.

        The transport is the one given, else the one httpx would build (TLS, limits, HTTP/2, the proxy given or,
        with trust_env, the environment's), built here so that what it is made of is decided in one place.
        """
        args = {key: value for key, value in self._httpx_args.items() if key not in _TRANSPORT_ARGS}
        if "transport" not in args:
            options = {
                "limits": DEFAULT_LIMITS,
                **{key: self._httpx_args[key] for key in _TRANSPORT_ARGS if key in self._httpx_args},
            }
            trust_env = self._httpx_args.get("trust_env", True)
            if "proxy" not in options and trust_env:
                options["proxy"] = _environment_proxy(self._base_url)
            args["transport"] = transport_class(verify=self._verify_ssl, trust_env=trust_env, **options)
        return {
            **args,
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._request_headers(),
            "timeout": _within(self._timeout, self._deadline),
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,  # shown as set; the loop sends with False and follows itself
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use the caller's httpx.Client, which is the caller's to configure and close.

        Every call still goes through the SDK: its headers (User-Agent, the API key) go on each request, its
        retries, deadline, body cap and redirect rules apply, and its base URL is used when that client has none.
        """
        self._client = client
        self._built_for.pop("sync", None)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client the calls send with, built on first use (once per process, under the lock)."""
        if not self._usable("sync", self._client):
            with self._lock:
                if not self._usable("sync", self._client):
                    self._client = httpx.Client(**self._client_args(httpx.HTTPTransport))
                    self._built_for["sync"] = self._owner("sync")
        assert self._client is not None
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager: the underlying httpx.Client is closed when the block ends."""
        self.get_httpx_client()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Close the underlying httpx.Client; this client cannot be used afterwards (ClientClosed)."""
        self._closed.add("sync")
        if self._client is not None:
            self._client.close()

    def close(self) -> None:
        """Closes the httpx.Client the SDK built, and this client: later calls raise ClientClosed.

        An httpx.Client given to set_httpx_client is the caller's, and is left open. Closing again does nothing
        more.
        """
        self._closed.add("sync")
        if self._client is not None and "sync" in self._built_for:
            self._client.close()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use the caller's httpx.AsyncClient, as set_httpx_client does for the sync one."""
        self._async_client = async_client
        self._built_for.pop("async", None)
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient the async calls send with, built on first use (once per process and event loop)."""
        if not self._usable("async", self._async_client):
            with self._lock:
                if not self._usable("async", self._async_client):
                    self._async_client = httpx.AsyncClient(**self._client_args(httpx.AsyncHTTPTransport))
                    self._built_for["async"] = self._owner("async")
        assert self._async_client is not None
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter an async context manager: the underlying httpx.AsyncClient is closed when the block ends."""
        self.get_async_httpx_client()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Close the underlying httpx.AsyncClient; this client cannot be used afterwards (ClientClosed)."""
        self._closed.add("async")
        if self._async_client is not None:
            await self._async_client.aclose()

    async def aclose(self) -> None:
        """As close, for the httpx.AsyncClient.

        One whose event loop has ended cannot be closed from another: its sockets close when it is collected.
        """
        self._closed.add("async")
        if self._async_client is not None and "async" in self._built_for:
            with contextlib.suppress(RuntimeError):  # "Event loop is closed"
                await self._async_client.aclose()

    # The request loop.

    def _prepare(self, client: httpx.Client | httpx.AsyncClient, kind: str, kwargs: dict[str, Any]) -> _Attempts:
        """The operation's request, as httpx's build_request would make it on this client, and its attempts.

        The attempts are those still to come. Its cookie parameters go beside the client's cookies. On an httpx
        client of the caller's the SDK's headers (User-Agent, the key) go on each request, over that client's own,
        and the base URL is that client's own or, when it has none, the SDK's. Every timeout is cut to the
        deadline. The operation's headers and a call's extra_headers win over all.
        """
        policy = kwargs.pop(RETRIES_OPTION, self._policy)
        cookies = kwargs.pop("cookies", {})
        headers = kwargs.pop("headers", None)
        base_url = (str(client.base_url) or self._base_url).rstrip("/")  # a host alone prints without its "/"
        url = base_url + "/" + kwargs.pop("url").lstrip("/")
        timeout = kwargs.pop("timeout", client.timeout)
        if kind not in self._built_for:
            sdk_headers = httpx.Headers(self._request_headers())
            sdk_headers.update(headers or {})
            headers, timeout = sdk_headers, _within(timeout, self._deadline)
        elif timeout is not client.timeout:  # a call's own timeout (the client's own was cut when it was built)
            timeout = _within(timeout, self._deadline)
        if client.params:
            kwargs["params"] = client.params.merge(kwargs.get("params"))
        extensions = {"timeout": httpx.Timeout(timeout).as_dict()}
        # Built here rather than by client.build_request, which would merge every header, cookie and the URL anew
        # on each call: the client's headers are copied once, and the operation's few are set over them (before the
        # body is encoded: a multipart body takes its boundary from the Content-Type given).
        merged = httpx.Headers(client.headers)
        for name, value in (headers or {}).items():
            merged[name] = value
        request = httpx.Request(kwargs.pop("method"), url, headers=merged, extensions=extensions, **kwargs)
        if client.cookies:
            client.cookies.set_cookie_header(request)
        return _Attempts(with_cookies(request, cookies), policy, self._deadline)

    def _redirect(
        self, client: httpx.Client | httpx.AsyncClient, first: httpx.Request, response: httpx.Response
    ) -> httpx.Request | None:
        """The request that follows this response's redirect, or None when it is not one to follow.

        A redirect that would change the method is refused (RedirectRefused); one to another origin drops the
        credentials (the key's header and the cookies).
        """
        if not (self._follow_redirects and response.has_redirect_location):
            return None
        request = response.request
        if _redirect_method_changes(request, response.status_code):
            raise RedirectRefused(
                response.status_code,
                b"",
                response.headers,
                f"following it would turn {request.method} into GET",
                attempts=first.extensions[ATTEMPT_EXTENSION],
            )
        redirects = request.extensions.get(_REDIRECTS_EXTENSION, 0) + 1
        if redirects > client.max_redirects:
            raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=request)
        url = request.url.join(response.headers["Location"])
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"a redirect to {url.scheme!r} is not followed", request=request)
        logger.debug(
            "%s %s -> %d, redirected to %s", request.method, _path(request), response.status_code, _path_of(url)
        )
        headers = httpx.Headers(request.headers)
        headers.pop("Host", None)
        if _origin(url) != _origin(first.url):
            for name in self._secret_headers():
                headers.pop(name, None)
        extensions = {**request.extensions, _REDIRECTS_EXTENSION: redirects}
        return httpx.Request(request.method, url, headers=headers, stream=request.stream, extensions=extensions)

    def _failed(self, error: httpx.RequestError, call: _Attempts) -> TransportError:
        """The SDK's error for an attempt that got no response, its request's credentials redacted."""
        try:
            error.request  # noqa: B018 (a property that raises when no request is bound)
        except RuntimeError:
            error.request = call.request
        return transport_error(error, self._secret_headers(), attempts=call.number)

    def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        """Sends an operation's request: attempts until one is answered with a status not to retry.

        It follows the redirects allowed, then reads the body within max_response_bytes and the deadline. Whatever
        fails is a JetEmailError: no response is a TransportError whose request has its credentials redacted.
        """
        client = self.get_httpx_client()
        call = self._prepare(client, "sync", kwargs)
        while True:
            call.start()
            try:
                response = self._send_following_redirects(client, call)
            except httpx.RequestError as error:
                call.ended(type(error).__name__)
                wait = call.after_error(error)
                if wait is None:
                    raise self._failed(error, call) from error
                sleep(wait)
                continue
            call.ended(str(response.status_code))
            try:
                wait = call.after_status(response)
            except BaseException:
                response.close()
                raise
            if wait is None:
                return self._read(response, call)
            response.close()
            sleep(wait)

    def _send_following_redirects(self, client: httpx.Client, call: _Attempts) -> httpx.Response:
        request = call.request
        while True:
            try:
                response = client.send(request, stream=True, follow_redirects=False)
            except RuntimeError as error:  # closed by another thread since this call began
                if client.is_closed:
                    raise ClientClosed("this client was closed: create a new one") from error
                raise
            try:
                following = self._redirect(client, call.request, response)
            except BaseException:
                response.close()
                raise
            if following is None:
                return response
            response.close()
            request = following

    def _read(self, response: httpx.Response, call: _Attempts) -> httpx.Response:
        """Reads the body (see _Body), closing the response whatever happens."""
        try:
            if not hasattr(response, "_content"):  # not read already (as an in-process transport may have)
                body = _Body(response, self._max_response_bytes, call)
                for chunk in response.iter_raw():
                    body.add(chunk)
                response._content = body.whole()
            return _within_cap(response, self._max_response_bytes, call)
        except zlib.error as error:  # a Content-Encoding the body does not follow
            raise _undecodable(response, error, call) from error
        except httpx.RequestError as error:
            raise self._failed(error, call) from error
        finally:
            response.close()

    async def _asend(self, kwargs: dict[str, Any]) -> httpx.Response:
        """As _send, for the async client."""
        client = self.get_async_httpx_client()
        call = self._prepare(client, "async", kwargs)
        while True:
            call.start()
            try:
                response = await self._asend_following_redirects(client, call)
            except httpx.RequestError as error:
                call.ended(type(error).__name__)
                wait = call.after_error(error)
                if wait is None:
                    raise self._failed(error, call) from error
                await asleep(wait)
                continue
            call.ended(str(response.status_code))
            try:
                wait = call.after_status(response)
            except BaseException:
                await response.aclose()
                raise
            if wait is None:
                return await self._aread(response, call)
            await response.aclose()
            await asleep(wait)

    async def _asend_following_redirects(self, client: httpx.AsyncClient, call: _Attempts) -> httpx.Response:
        request = call.request
        while True:
            try:
                response = await client.send(request, stream=True, follow_redirects=False)
            except RuntimeError as error:
                if client.is_closed:
                    raise ClientClosed("this client was closed: create a new one") from error
                raise
            try:
                following = self._redirect(client, call.request, response)
            except BaseException:
                await response.aclose()
                raise
            if following is None:
                return response
            await response.aclose()
            request = following

    async def _aread(self, response: httpx.Response, call: _Attempts) -> httpx.Response:
        """As _read, for the async client."""
        try:
            if not hasattr(response, "_content"):
                body = _Body(response, self._max_response_bytes, call)
                async for chunk in response.aiter_raw():
                    body.add(chunk)
                response._content = body.whole()
            return _within_cap(response, self._max_response_bytes, call)
        except zlib.error as error:
            raise _undecodable(response, error, call) from error
        except httpx.RequestError as error:
            raise self._failed(error, call) from error
        finally:
            await response.aclose()


@define(kw_only=True)
class AuthenticatedClientBase(ClientBase):
    """A client that sends the API key with every request (in the Authorization header by default).

    The key defaults to $JETEMAIL_API_KEY. One with a space, a line break, a control or a non-ASCII character is
    refused with InvalidApiKey, whose message never holds the key; repr never shows it.
    """

    token: str = field(factory=api_key_from_environment, repr=False, validator=_valid_api_key)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, Accept-Encoding, the client's headers and the key.

        The key is never stored among the client's headers.
        """
        auth = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**super()._request_headers(), self.auth_header_name: auth}

    def _secret_headers(self) -> frozenset[str]:
        return SECRET_HEADERS | {self.auth_header_name.lower()}

    @classmethod
    def for_resources(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        settings: Mapping[str, Any],
        http_client: httpx.Client | httpx.AsyncClient | None,
        http_client_class: type[httpx.Client] | type[httpx.AsyncClient],
    ) -> Self:
        """The client a JetEmail client sends with, built from the JetEmail client's arguments.

        The key is the one given, else $JETEMAIL_API_KEY; the base URL the one given, else $JETEMAIL_BASE_URL, else
        the spec's server. A timeout in seconds applies to each phase (connect, read, ...); settings not given keep
        their defaults. An http_client must be of the class the JetEmail client sends with (InvalidSetting); the
        environment's proxy is then that client's business.
        """
        if http_client is not None and not isinstance(http_client, http_client_class):
            raise InvalidSetting(
                f"http_client must be an httpx.{http_client_class.__name__}, not {type(http_client).__name__}"
            )
        if api_key is not None:
            check_api_key(api_key, "api_key")
        if "timeout" in settings:
            settings = {**settings, "timeout": timeout_of(settings["timeout"], "timeout")}
        client = cls(
            token=api_key_from_environment("api_key") if api_key is None else api_key,
            base_url=base_url_from_environment(cls.default_base_url) if base_url is None else base_url,
            httpx_args={} if http_client is None else {"trust_env": False},
            **settings,
        )
        if isinstance(http_client, httpx.AsyncClient):
            client.set_async_httpx_client(http_client)
        elif http_client is not None:
            client.set_httpx_client(http_client)
        return client
