import functools
import logging
import math
import os
import re
import ssl
import sys
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Self

import httpx
from attrs import define, evolve, field

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
    attempts_of,
    transport_error,
)
from .types import Unset, given, retries_of, timeout_of, with_cookies

if TYPE_CHECKING:  # imported where used: httpx-retries pulls in asyncio, a fifth of the import time
    from httpx_retries import Retry

logger = logging.getLogger(__name__)
LOG_ENVIRONMENT_VARIABLE = "JETEMAIL_LOG"

DEFAULT_BASE_URL = "https://api.jetemail.com"  # the spec's first server
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_RETRIES = 2
API_KEY_ENVIRONMENT_VARIABLE = "JETEMAIL_API_KEY"
USER_AGENT = f"jetemail-api-client/3.3.2 python/{sys.version_info[0]}.{sys.version_info[1]} httpx/{httpx.__version__}"
# Failures before any response: connecting failed, or the connection broke. Safe to retry for an idempotent
# call (a DELETE the server did process answers 404 on the retry: see the README). Read timeouts are left out.
RETRY_ON_EXCEPTIONS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError)
# What httpx hands the transport it builds itself; the SDK builds that transport (to retry), so they go there.
TRANSPORT_ARGS = ("cert", "http1", "http2", "limits", "proxy")
# One attempt (connect, send, headers, body) ends within this many seconds, however the server trickles its bytes.
DEFAULT_DEADLINE = 60.0
# A body larger than this (after decompression) raises ResponseTooLarge instead of filling the memory.
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# A Retry-After longer than this is not slept: RetryAfterTooLong is raised at once with the server's wait.
MAX_RETRY_AFTER = 30.0
# All the sleeps between the attempts of one call add up to at most this.
MAX_TOTAL_SLEEP = 60.0
_BACKOFF_ONLY = Exception("no usable Retry-After: the backoff applies")
# What an API key may be: visible ASCII, no spaces (a pasted line break, space or curly quote is refused).
_API_KEY = re.compile(r"[\x21-\x7e]+")


def _log_from_environment() -> None:
    """JETEMAIL_LOG=debug or info: the package's logger writes to stderr from that level (as OPENAI_LOG does);
    unset, or any other value, leaves logging to the application."""
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


@functools.cache
def _retry_class() -> "type[Retry]":
    from httpx_retries import Retry

    class SdkRetry(Retry):
        """httpx-retries' policy, with a cap on Retry-After (raised, not slept) and on the total sleep; server
        text is never logged above DEBUG; and of the protocol errors only a dropped keep-alive is retried
        (a malformed response would be malformed again)."""

        def is_retryable_exception(self, exception: Exception) -> bool:
            if isinstance(exception, httpx.RemoteProtocolError):
                return "disconnected without" in str(exception)
            return super().is_retryable_exception(exception)

        def _checked(self, response: httpx.Response | Exception) -> httpx.Response | Exception:
            """The response to time the next attempt by; an Exception (backoff only) when its Retry-After is not
            readable (logged at DEBUG, escaped); RetryAfterTooLong when it asks for more than MAX_RETRY_AFTER."""
            if not isinstance(response, httpx.Response) or not self.respect_retry_after_header:
                return response
            text = response.headers.get("Retry-After", "").strip()
            if not text:
                return response
            try:
                if not (text.isascii() and text.isprintable()):
                    raise ValueError(text)
                wait = self.parse_retry_after(text)
            except ValueError:
                logger.debug("ignoring an unreadable Retry-After: %r", text[:64])
                return _BACKOFF_ONLY
            if not math.isfinite(wait) or wait > MAX_RETRY_AFTER:  # httpx-retries has closed the response
                raise RetryAfterTooLong(
                    response.status_code, b"", response.headers, retry_after=wait, attempts=self.attempts_made
                )
            return response

        _retrying: tuple[httpx.Request, str] | None = None  # what the next sleep is for: the log names it

        def _calculate_sleep(self, headers: Any) -> float:
            wait: float = super()._calculate_sleep(headers)
            if self._retrying is not None:
                request, after = self._retrying
                logger.info(
                    "retrying %s %s in %.1f s after %s, attempt %d/%d",
                    request.method,
                    _path(request),
                    wait,
                    after,
                    self.attempts_made + 1,
                    self.total + 1,
                )
            return wait

        def _before_sleep(self, response: httpx.Response | Exception) -> httpx.Response | Exception:
            try:
                if isinstance(response, httpx.Response):
                    self._retrying = (response.request, str(response.status_code))
                elif isinstance(response, httpx.RequestError):
                    self._retrying = (response.request, type(response).__name__)
            except RuntimeError:  # no request bound (a transport of the caller's): not logged
                self._retrying = None
            return self._checked(response)

        def sleep(self, response: httpx.Response | Exception) -> None:
            super().sleep(self._before_sleep(response))

        async def asleep(self, response: httpx.Response | Exception) -> None:
            await super().asleep(self._before_sleep(response))

    return SdkRetry


def retry_policy(retries: int = DEFAULT_RETRIES) -> "Retry":
    """Up to `retries` retries of idempotent methods on connection errors, 429, 502, 503 and 504, with
    exponential backoff and full jitter (up to 1 s, then 2 s, ...), honouring Retry-After up to MAX_RETRY_AFTER
    seconds (a longer one raises RetryAfterTooLong), sleeping MAX_TOTAL_SLEEP seconds at most in all."""
    return _retry_class()(
        total=retries,
        backoff_factor=0.5,
        max_backoff_wait=MAX_RETRY_AFTER,
        total_timeout=MAX_TOTAL_SLEEP,
        retry_on_exceptions=RETRY_ON_EXCEPTIONS,
    )


def _api_key_from_environment() -> str:
    api_key = os.environ.get(API_KEY_ENVIRONMENT_VARIABLE, "")
    if not api_key:
        raise MissingApiKey(f"no API key: pass token=... or set {API_KEY_ENVIRONMENT_VARIABLE}")
    return api_key


def _valid_api_key(instance: Any, attribute: Any, value: object) -> None:
    """Refuses, at construction, a key no request could carry; the message never contains the key."""
    if not isinstance(value, str) or not value:
        raise InvalidApiKey(
            f"the API key must be a non-empty str, not {type(value).__name__ if value is not None else 'None'}"
        )
    if not _API_KEY.fullmatch(value):
        raise InvalidApiKey(
            f"the API key ({len(value)} characters) holds a space, a line break, a control or a non-ASCII character;"
            " check how it was pasted"
        )


def _valid_base_url(instance: Any, attribute: Any, value: object) -> None:
    try:
        url = httpx.URL(value) if isinstance(value, (str, httpx.URL)) else None
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host or url.query or url.fragment:
        raise InvalidSetting(
            "base_url must be an http:// or https:// URL with a host (no query or fragment), such as "
            + repr(DEFAULT_BASE_URL)
        )


def _valid_timeout(instance: Any, attribute: Any, value: object) -> None:
    timeout_of(value, "timeout")


def _valid_retries(instance: Any, attribute: Any, value: object) -> None:
    from httpx_retries import Retry

    if not isinstance(value, Retry):
        retries_of(value, "retries")


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
    """Whether httpx would follow this redirect with another method: 302 and 303 become GET (but HEAD stays),
    and so does a POST answered 301."""
    method = request.method
    turned_into_get = (status_code in (302, 303) and method != "HEAD") or (status_code == 301 and method == "POST")
    return turned_into_get and method != "GET"


# The raw body reaches httpx's decoder in pieces this small, so that no piece inflates past about 4 MB (deflate
# tops out near 1:1032): a gzip bomb then meets max_response_bytes before it meets the memory.
_RAW_PIECE = 4096


class _GuardedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A raw response body in small pieces that raises ReadTimeout once the attempt's deadline has passed
    (checked as data arrives; each read also waits at most the read timeout, cut to the deadline at the start)."""

    def __init__(self, stream: Any, ends_at: float | None, request: httpx.Request) -> None:
        self._stream, self._ends_at, self._request = stream, ends_at, request

    def _pieces(self, chunk: bytes) -> Iterable[bytes]:
        if self._ends_at is not None and time.monotonic() > self._ends_at:
            raise httpx.ReadTimeout("the response took longer than the client's deadline", request=self._request)
        if len(chunk) <= _RAW_PIECE:
            return (chunk,)
        return (chunk[start : start + _RAW_PIECE] for start in range(0, len(chunk), _RAW_PIECE))

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            yield from self._pieces(chunk)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            for piece in self._pieces(chunk):
                yield piece

    def close(self) -> None:
        self._stream.close()

    async def aclose(self) -> None:
        await self._stream.aclose()


def _start_attempt(request: httpx.Request, deadline: float | None) -> float | None:
    """Cuts every timeout of the request to the deadline; returns when the attempt must end."""
    if deadline is None:
        return None
    timeouts = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        name: deadline if timeouts.get(name) is None else min(timeouts[name], deadline)
        for name in ("connect", "read", "write", "pool")
    }
    return time.monotonic() + deadline


def _attempt_of(request: httpx.Request) -> tuple[int, int]:
    """This attempt's number, counted on the request (a retry sends the same request again), and how many
    attempts the call may make in all."""
    number = int(request.extensions.get(ATTEMPT_EXTENSION, 0)) + 1
    request.extensions[ATTEMPT_EXTENSION] = number
    retry = request.extensions.get("retry")
    return number, retry.total + 1 if retry is not None and retry.is_retryable_method(request.method) else 1


def _path(request: httpx.Request) -> str:
    """The request's path as sent, percent-encoded: a line break in a value or a redirect stays %0A in a log."""
    return request.url.raw_path.split(b"?")[0].decode("ascii", "replace")


def _attempted(request: httpx.Request, attempt: tuple[int, int], started: float, outcome: str) -> None:
    """DEBUG, for each attempt: method, path, status (or the error's kind), attempt n/m, seconds; never headers."""
    if logger.isEnabledFor(logging.DEBUG):  # what the message needs is not worked out for nothing
        logger.debug(
            "%s %s -> %s, attempt %d/%d, %.3f s",
            request.method,
            _path(request),
            outcome,
            *attempt,
            time.monotonic() - started,
        )


class _GuardedTransport(httpx.BaseTransport):
    def __init__(self, transport: httpx.BaseTransport, deadline: float | None) -> None:
        self._transport, self._deadline = transport, deadline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt, started = _attempt_of(request), time.monotonic()
        ends_at = _start_attempt(request, self._deadline)
        try:
            response = self._transport.handle_request(request)
        except httpx.RequestError as error:
            _attempted(request, attempt, started, type(error).__name__)
            error.request = request  # the retry policy's log names it
            raise
        _attempted(request, attempt, started, str(response.status_code))
        response.request = request
        response.stream = _GuardedStream(response.stream, ends_at, request)
        return response

    def close(self) -> None:
        self._transport.close()


class _AsyncGuardedTransport(httpx.AsyncBaseTransport):
    def __init__(self, transport: httpx.AsyncBaseTransport, deadline: float | None) -> None:
        self._transport, self._deadline = transport, deadline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt, started = _attempt_of(request), time.monotonic()
        ends_at = _start_attempt(request, self._deadline)
        try:
            response = await self._transport.handle_async_request(request)
        except httpx.RequestError as error:
            _attempted(request, attempt, started, type(error).__name__)
            error.request = request
            raise
        _attempted(request, attempt, started, str(response.status_code))
        response.request = request
        response.stream = _GuardedStream(response.stream, ends_at, request)
        return response

    async def aclose(self) -> None:
        await self._transport.aclose()


def _too_large(response: httpx.Response, body: bytearray, limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        response.status_code,
        bytes(body[:PREVIEW_BYTES]),
        response.headers,
        f"the body is larger than max_response_bytes={limit}",
        attempts=attempts_of(response),
    )


def _undecodable(response: httpx.Response, error: httpx.DecodingError) -> MalformedResponse:
    return MalformedResponse(
        response.status_code,
        b"",
        response.headers,
        f"the body cannot be decoded: {error}",
        attempts=attempts_of(response),
    )


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


def _with_retrying_transport(
    httpx_args: dict[str, Any],
    transport_class: Any,
    *,
    verify: Any,
    base_url: str,
    retries: "int | Retry",
    deadline: float | None,
) -> dict[str, Any]:
    """httpx_args with the transport wrapped in retries, each attempt guarded (the deadline, the raw body in small
    pieces): the transport given, else the one httpx would build (TLS, limits, HTTP/2, the proxy given or, with trust_env, the environment's)."""
    from httpx_retries import Retry, RetryTransport

    args = {key: value for key, value in httpx_args.items() if key not in TRANSPORT_ARGS}
    transport = args.pop("transport", None)
    if transport is None:
        options = {key: httpx_args[key] for key in TRANSPORT_ARGS if key in httpx_args}
        trust_env = httpx_args.get("trust_env", True)
        if "proxy" not in options and trust_env:
            options["proxy"] = _environment_proxy(base_url)
        transport = transport_class(verify=verify, trust_env=trust_env, **options)
    is_async = transport_class is httpx.AsyncHTTPTransport
    transport = (_AsyncGuardedTransport if is_async else _GuardedTransport)(transport, deadline)
    retry = retries if isinstance(retries, Retry) else retry_policy(retries)
    # Always there, even with retries=0: a call's own retries= (with_options) rides on it.
    return {**args, "transport": RetryTransport(transport=transport, retry=retry)}


@define(kw_only=True)
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

        ``deadline``: The most seconds one attempt may take in all, however slowly the server sends
        (DEFAULT_DEADLINE; None disables). It is checked as data arrives, and each read waits at most
        what was left of it when the attempt began: an attempt ends within deadline + one read gap.

        ``max_response_bytes``: The largest body read, after decompression (DEFAULT_MAX_RESPONSE_BYTES);
        a larger one raises errors.ResponseTooLarge.

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
    _base_url: str = field(
        default=DEFAULT_BASE_URL, alias="base_url", validator=_valid_base_url, repr=lambda url: repr(safe_url(url))
    )
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(
        default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout", validator=_valid_timeout
    )
    _retries: "int | Retry" = field(default=DEFAULT_RETRIES, kw_only=True, alias="retries", validator=_valid_retries)
    _deadline: float | None = field(default=DEFAULT_DEADLINE, kw_only=True, alias="deadline", validator=_valid_deadline)
    _max_response_bytes: int = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes", validator=_valid_size
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _built_for: dict[str, tuple[int, object]] = field(factory=dict, init=False, repr=False, eq=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False, eq=False)
    _closed: set[str] = field(factory=set, init=False, repr=False, eq=False)  # the kinds closed: sync, async

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """A new client matching this one with additional headers; this one is left as it is."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """A new client matching this one with additional cookies; this one is left as it is."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """A new client matching this one with a new timeout configuration; this one is left as it is."""
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, the client's headers."""
        return {"User-Agent": USER_AGENT, **self._headers}

    def __attrs_post_init__(self) -> None:
        _valid_proxy(self._httpx_args.get("proxy"), "httpx_args")
        if "proxy" not in self._httpx_args and self._httpx_args.get("trust_env", True):
            _valid_proxy(_environment_proxy(self._base_url), "the environment (HTTP(S)_PROXY, ALL_PROXY)")

    def _secret_headers(self) -> frozenset[str]:
        return SECRET_HEADERS

    def _owner(self, kind: str) -> tuple[int, object]:
        """Who may use the httpx client of this kind: this process and, for the async one, this event loop."""
        asyncio = sys.modules.get("asyncio")  # not imported: no loop runs (importing it costs half of httpx's time)
        if kind == "async" and asyncio is not None:
            try:
                return os.getpid(), asyncio.get_running_loop()
            except RuntimeError:  # not in a loop: the first loop that calls adopts the client
                pass
        return os.getpid(), None

    def _usable(self, kind: str, client: httpx.Client | httpx.AsyncClient | None) -> bool:
        if kind in self._closed or (client is not None and client.is_closed):
            raise ClientClosed("this client was closed: create a new one")
        if client is None:
            return False
        built_for = self._built_for.get(kind)
        if built_for is None:  # set by set_httpx_client: the caller's to manage
            return True
        pid, loop = self._owner(kind)
        built_pid, built_loop = built_for
        if built_loop is None and loop is not None:
            self._built_for[kind] = (pid, loop)
        # A fork shares the pooled sockets with the parent (each would read the other's answers), and an async
        # pool belongs to the loop that opened it: both get fresh clients. The old ones are left, not closed.
        return bool(built_pid == pid and (built_loop is None or loop is None or built_loop is loop))

    def _redirect_hooks(self) -> dict[str, list[Any]]:
        """Event hooks that refuse a redirect that changes the method: [request hooks, response hooks] for the sync and the async client."""

        def response_hook(response: httpx.Response) -> None:
            if response.has_redirect_location and _redirect_method_changes(response.request, response.status_code):
                raise RedirectRefused(
                    response.status_code,
                    b"",
                    response.headers,
                    f"following it would turn {response.request.method} into GET",
                    attempts=attempts_of(response),
                )

        async def async_response_hook(response: httpx.Response) -> None:
            response_hook(response)

        return {"sync": [[], [response_hook]], "async": [[], [async_response_hook]]}

    def _client_args(self, transport_class: Any) -> dict[str, Any]:
        args: dict[str, Any] = dict(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=self._request_headers(),
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
            **_with_retrying_transport(
                self._httpx_args,
                transport_class,
                verify=self._verify_ssl,
                base_url=self._base_url,
                retries=self._retries,
                deadline=self._deadline,
            ),
        )
        if self._follow_redirects:
            hooks = self._redirect_hooks()["async" if transport_class is httpx.AsyncHTTPTransport else "sync"]
            given = args.get("event_hooks") or {}
            args["event_hooks"] = {
                "request": [*hooks[0], *given.get("request", [])],
                "response": [*hooks[1], *given.get("response", [])],
            }
        return args

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: It is yours to configure and close: the client's cookies, timeout, retries, deadline and redirect
        rules do not apply to it. Its headers (User-Agent, the API key) are set on each request, and its base URL
        is used when that client has none.
        """
        self._client = client
        self._built_for.pop("sync", None)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
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
        """Closes the httpx.Client the SDK built (one given to set_httpx_client is the caller's, left open) and
        this client: later calls raise ClientClosed. Closing again does nothing more."""
        self._closed.add("sync")
        if self._client is not None and "sync" in self._built_for:
            self._client.close()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: It is yours to configure and close: the client's cookies, timeout, retries, deadline and redirect
        rules do not apply to it. Its headers (User-Agent, the API key) are set on each request, and its base URL
        is used when that client has none.
        """
        self._async_client = async_client
        self._built_for.pop("async", None)
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
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
        """As close, for the httpx.AsyncClient. One whose event loop has ended cannot be closed from another:
        its sockets close when it is collected."""
        self._closed.add("async")
        if self._async_client is not None and "async" in self._built_for:
            try:
                await self._async_client.aclose()
            except RuntimeError:  # "Event loop is closed"
                pass

    def _request(self, client: httpx.Client | httpx.AsyncClient, kind: str, kwargs: dict[str, Any]) -> httpx.Request:
        """The operation's request, its cookie parameters beside the client's cookies. On an httpx client of the
        caller's (set_httpx_client) the SDK's headers (User-Agent, the key) go on each request, over that client's
        own; the operation's headers and a call's extra_headers win over both. The base URL is that client's own,
        or when it has none, the SDK's."""
        cookies = kwargs.pop("cookies", {})
        if kind not in self._built_for:
            headers = httpx.Headers(self._request_headers())
            headers.update(kwargs.get("headers") or {})
            kwargs = {**kwargs, "headers": headers}
            if not str(client.base_url):
                kwargs["url"] = self._base_url.rstrip("/") + kwargs["url"]
        return with_cookies(client.build_request(**kwargs), cookies)

    def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        """Sends an operation's request (its cookie parameters beside the client's cookies) and reads the body,
        up to max_response_bytes. Whatever fails is a JetEmailError: no response is a TransportError whose
        request has its credentials redacted."""
        client = self.get_httpx_client()
        request = self._request(client, "sync", kwargs)
        try:
            response = client.send(request, stream=True)
            try:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self._max_response_bytes:
                        raise _too_large(response, body, self._max_response_bytes)
                response._content = bytes(body)
            except httpx.DecodingError as error:  # a Content-Encoding the body does not follow
                raise _undecodable(response, error) from error
            finally:
                response.close()
        except httpx.RequestError as error:
            raise transport_error(error, self._secret_headers(), attempts=attempts_of(request)) from error
        except RuntimeError as error:  # closed by another thread since this call began
            if client.is_closed:
                raise ClientClosed("this client was closed: create a new one") from error
            raise
        return response

    async def _asend(self, kwargs: dict[str, Any]) -> httpx.Response:
        """As _send, for the async client."""
        client = self.get_async_httpx_client()
        request = self._request(client, "async", kwargs)
        try:
            response = await client.send(request, stream=True)
            try:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self._max_response_bytes:
                        raise _too_large(response, body, self._max_response_bytes)
                response._content = bytes(body)
            except httpx.DecodingError as error:  # a Content-Encoding the body does not follow
                raise _undecodable(response, error) from error
            finally:
                await response.aclose()
        except httpx.RequestError as error:
            raise transport_error(error, self._secret_headers(), attempts=attempts_of(request)) from error
        except RuntimeError as error:  # closed by another thread since this call began
            if client.is_closed:
                raise ClientClosed("this client was closed: create a new one") from error
            raise
        return response


@define(kw_only=True)
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

        ``deadline``: The most seconds one attempt may take in all, however slowly the server sends
        (DEFAULT_DEADLINE; None disables). It is checked as data arrives, and each read waits at most
        what was left of it when the attempt began: an attempt ends within deadline + one read gap.

        ``max_response_bytes``: The largest body read, after decompression (DEFAULT_MAX_RESPONSE_BYTES);
        a larger one raises errors.ResponseTooLarge.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
        token: The API key (api_...); defaults to $JETEMAIL_API_KEY. A key with a space, a line break, a control or a non-ASCII character is refused with InvalidApiKey
        prefix: The prefix to use for the Authorization header
        auth_header_name: The name of the Authorization header
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    _base_url: str = field(
        default=DEFAULT_BASE_URL, alias="base_url", validator=_valid_base_url, repr=lambda url: repr(safe_url(url))
    )
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(
        default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout", validator=_valid_timeout
    )
    _retries: "int | Retry" = field(default=DEFAULT_RETRIES, kw_only=True, alias="retries", validator=_valid_retries)
    _deadline: float | None = field(default=DEFAULT_DEADLINE, kw_only=True, alias="deadline", validator=_valid_deadline)
    _max_response_bytes: int = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes", validator=_valid_size
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _built_for: dict[str, tuple[int, object]] = field(factory=dict, init=False, repr=False, eq=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False, eq=False)
    _closed: set[str] = field(factory=set, init=False, repr=False, eq=False)  # the kinds closed: sync, async

    token: str = field(factory=_api_key_from_environment, repr=False, validator=_valid_api_key)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """A new client matching this one with additional headers; this one is left as it is."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """A new client matching this one with additional cookies; this one is left as it is."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """A new client matching this one with a new timeout configuration; this one is left as it is."""
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """The headers every request carries: User-Agent, the client's headers, auth."""
        auth = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {"User-Agent": USER_AGENT, **self._headers, self.auth_header_name: auth}

    def __attrs_post_init__(self) -> None:
        _valid_proxy(self._httpx_args.get("proxy"), "httpx_args")
        if "proxy" not in self._httpx_args and self._httpx_args.get("trust_env", True):
            _valid_proxy(_environment_proxy(self._base_url), "the environment (HTTP(S)_PROXY, ALL_PROXY)")

    def _secret_headers(self) -> frozenset[str]:
        return SECRET_HEADERS | {self.auth_header_name.lower()}

    def _owner(self, kind: str) -> tuple[int, object]:
        """Who may use the httpx client of this kind: this process and, for the async one, this event loop."""
        asyncio = sys.modules.get("asyncio")  # not imported: no loop runs (importing it costs half of httpx's time)
        if kind == "async" and asyncio is not None:
            try:
                return os.getpid(), asyncio.get_running_loop()
            except RuntimeError:  # not in a loop: the first loop that calls adopts the client
                pass
        return os.getpid(), None

    def _usable(self, kind: str, client: httpx.Client | httpx.AsyncClient | None) -> bool:
        if kind in self._closed or (client is not None and client.is_closed):
            raise ClientClosed("this client was closed: create a new one")
        if client is None:
            return False
        built_for = self._built_for.get(kind)
        if built_for is None:  # set by set_httpx_client: the caller's to manage
            return True
        pid, loop = self._owner(kind)
        built_pid, built_loop = built_for
        if built_loop is None and loop is not None:
            self._built_for[kind] = (pid, loop)
        # A fork shares the pooled sockets with the parent (each would read the other's answers), and an async
        # pool belongs to the loop that opened it: both get fresh clients. The old ones are left, not closed.
        return bool(built_pid == pid and (built_loop is None or loop is None or built_loop is loop))

    def _redirect_hooks(self) -> dict[str, list[Any]]:
        """Event hooks that refuse a redirect that changes the method and keep the key on the
        base URL's origin: [request hooks, response hooks] for the sync and the async client."""

        def response_hook(response: httpx.Response) -> None:
            if response.has_redirect_location and _redirect_method_changes(response.request, response.status_code):
                raise RedirectRefused(
                    response.status_code,
                    b"",
                    response.headers,
                    f"following it would turn {response.request.method} into GET",
                    attempts=attempts_of(response),
                )

        async def async_response_hook(response: httpx.Response) -> None:
            response_hook(response)

        base = httpx.URL(self._base_url)

        def request_hook(request: httpx.Request) -> None:
            if (request.url.scheme, request.url.host, request.url.port) != (base.scheme, base.host, base.port):
                request.headers.pop(self.auth_header_name, None)

        async def async_request_hook(request: httpx.Request) -> None:
            request_hook(request)

        return {"sync": [[request_hook], [response_hook]], "async": [[async_request_hook], [async_response_hook]]}

    def _client_args(self, transport_class: Any) -> dict[str, Any]:
        args: dict[str, Any] = dict(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=self._request_headers(),
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
            **_with_retrying_transport(
                self._httpx_args,
                transport_class,
                verify=self._verify_ssl,
                base_url=self._base_url,
                retries=self._retries,
                deadline=self._deadline,
            ),
        )
        if self._follow_redirects:
            hooks = self._redirect_hooks()["async" if transport_class is httpx.AsyncHTTPTransport else "sync"]
            given = args.get("event_hooks") or {}
            args["event_hooks"] = {
                "request": [*hooks[0], *given.get("request", [])],
                "response": [*hooks[1], *given.get("response", [])],
            }
        return args

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: It is yours to configure and close: the client's cookies, timeout, retries, deadline and redirect
        rules do not apply to it. Its headers (User-Agent, the API key) are set on each request, and its base URL
        is used when that client has none.
        """
        self._client = client
        self._built_for.pop("sync", None)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
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
        """Closes the httpx.Client the SDK built (one given to set_httpx_client is the caller's, left open) and
        this client: later calls raise ClientClosed. Closing again does nothing more."""
        self._closed.add("sync")
        if self._client is not None and "sync" in self._built_for:
            self._client.close()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: It is yours to configure and close: the client's cookies, timeout, retries, deadline and redirect
        rules do not apply to it. Its headers (User-Agent, the API key) are set on each request, and its base URL
        is used when that client has none.
        """
        self._async_client = async_client
        self._built_for.pop("async", None)
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
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
        """As close, for the httpx.AsyncClient. One whose event loop has ended cannot be closed from another:
        its sockets close when it is collected."""
        self._closed.add("async")
        if self._async_client is not None and "async" in self._built_for:
            try:
                await self._async_client.aclose()
            except RuntimeError:  # "Event loop is closed"
                pass

    def _request(self, client: httpx.Client | httpx.AsyncClient, kind: str, kwargs: dict[str, Any]) -> httpx.Request:
        """The operation's request, its cookie parameters beside the client's cookies. On an httpx client of the
        caller's (set_httpx_client) the SDK's headers (User-Agent, the key) go on each request, over that client's
        own; the operation's headers and a call's extra_headers win over both. The base URL is that client's own,
        or when it has none, the SDK's."""
        cookies = kwargs.pop("cookies", {})
        if kind not in self._built_for:
            headers = httpx.Headers(self._request_headers())
            headers.update(kwargs.get("headers") or {})
            kwargs = {**kwargs, "headers": headers}
            if not str(client.base_url):
                kwargs["url"] = self._base_url.rstrip("/") + kwargs["url"]
        return with_cookies(client.build_request(**kwargs), cookies)

    def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        """Sends an operation's request (its cookie parameters beside the client's cookies) and reads the body,
        up to max_response_bytes. Whatever fails is a JetEmailError: no response is a TransportError whose
        request has its credentials redacted."""
        client = self.get_httpx_client()
        request = self._request(client, "sync", kwargs)
        try:
            response = client.send(request, stream=True)
            try:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self._max_response_bytes:
                        raise _too_large(response, body, self._max_response_bytes)
                response._content = bytes(body)
            except httpx.DecodingError as error:  # a Content-Encoding the body does not follow
                raise _undecodable(response, error) from error
            finally:
                response.close()
        except httpx.RequestError as error:
            raise transport_error(error, self._secret_headers(), attempts=attempts_of(request)) from error
        except RuntimeError as error:  # closed by another thread since this call began
            if client.is_closed:
                raise ClientClosed("this client was closed: create a new one") from error
            raise
        return response

    async def _asend(self, kwargs: dict[str, Any]) -> httpx.Response:
        """As _send, for the async client."""
        client = self.get_async_httpx_client()
        request = self._request(client, "async", kwargs)
        try:
            response = await client.send(request, stream=True)
            try:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self._max_response_bytes:
                        raise _too_large(response, body, self._max_response_bytes)
                response._content = bytes(body)
            except httpx.DecodingError as error:  # a Content-Encoding the body does not follow
                raise _undecodable(response, error) from error
            finally:
                await response.aclose()
        except httpx.RequestError as error:
            raise transport_error(error, self._secret_headers(), attempts=attempts_of(request)) from error
        except RuntimeError as error:  # closed by another thread since this call began
            if client.is_closed:
                raise ClientClosed("this client was closed: create a new one") from error
            raise
        return response


BASE_URL_ENVIRONMENT_VARIABLE = "JETEMAIL_BASE_URL"


def authenticated_client(
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None | Unset,
    retries: "int | Retry | Unset",
    deadline: float | None | Unset,
    max_response_bytes: int | Unset,
    http_client: httpx.Client | httpx.AsyncClient | None = None,
    http_client_class: type[httpx.Client] | type[httpx.AsyncClient] = httpx.Client,
) -> AuthenticatedClient:
    """The AuthenticatedClient a JetEmail client sends with: the key, else $JETEMAIL_API_KEY; the base URL, else
    $JETEMAIL_BASE_URL, else the spec's server; a timeout in seconds applies to each phase (connect, read, ...);
    what is not given keeps AuthenticatedClient's default. An http_client must be of the class the JetEmail
    client sends with (InvalidSetting); the environment's proxy is then that client's business."""
    if http_client is not None and not isinstance(http_client, http_client_class):
        raise InvalidSetting(
            f"http_client must be an httpx.{http_client_class.__name__}, not {type(http_client).__name__}"
        )
    if not isinstance(timeout, Unset):
        timeout = timeout_of(timeout, "timeout")
    settings = given(timeout=timeout, retries=retries, deadline=deadline, max_response_bytes=max_response_bytes)
    client = AuthenticatedClient(
        token=_api_key_from_environment() if api_key is None else api_key,
        base_url=os.environ.get(BASE_URL_ENVIRONMENT_VARIABLE) or DEFAULT_BASE_URL if base_url is None else base_url,
        httpx_args={} if http_client is None else {"trust_env": False},
        **settings,
    )
    if isinstance(http_client, httpx.AsyncClient):
        client.set_async_httpx_client(http_client)
    elif http_client is not None:
        client.set_httpx_client(http_client)
    return client
