"""Every error this SDK raises derives from JetEmailError.

Documented error responses (400, 401, ...) are not errors: they come back as typed models.
"""

from collections.abc import Mapping
from typing import Any

import httpx

# What decoding a body and building its model can raise: bad JSON or UTF-8, a body of the wrong
# shape, a missing required field, a field of the wrong JSON type (SchemaViolation), absurd nesting.
PARSE_FAILURES = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
PREVIEW_BYTES = 200  # how much of a body an error's message shows, and ResponseTooLarge keeps


class JetEmailError(Exception):
    """Base class of every error raised by this SDK. `attempts`: how many attempts the call made (0: none)."""

    attempts: int = 0


class MissingApiKey(JetEmailError):
    """No API key was passed to the client and none is set in the environment."""


class InvalidApiKey(JetEmailError, ValueError):
    """The API key is not a non-empty str of visible ASCII characters (a pasted line break, space or curly quote).

    The message never contains the key."""


class InvalidSetting(JetEmailError, ValueError):
    """A client setting that could never work (a base_url without scheme or host, a malformed proxy URL)."""


class ClientClosed(JetEmailError, RuntimeError):
    """The client was closed (its `with` block ended): create a new one."""


class SchemaViolation(JetEmailError, TypeError):
    """A model field was given a value of another JSON type than the spec declares."""


class TransportError(JetEmailError, httpx.TransportError):
    """No response arrived: the connection failed or broke. The httpx exception is the __cause__.

    Also an httpx.TransportError, so code written against plain httpx errors keeps working.
    """


class RequestTimeout(TransportError, httpx.TimeoutException):
    """The server did not answer within the client's timeout (also an httpx.TimeoutException)."""


class ResponseError(JetEmailError):
    """A response the SDK cannot return as a documented model; status, headers and raw body stay reachable."""

    def __init__(
        self,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        detail: str = "",
        *,
        attempts: int = 1,
    ):
        self.attempts = attempts
        self.status_code = status_code
        self.content = content
        self.headers: Mapping[str, str] = headers if headers is not None else httpx.Headers()
        self.detail = detail
        preview = content[:PREVIEW_BYTES].decode(errors="replace")
        more = "…" if len(content) > PREVIEW_BYTES else ""
        super().__init__(f"{self.summary} {status_code}{': ' + detail if detail else ''}; body: {preview!r}{more}")

    summary = "Response with status"

    def __reduce__(self) -> tuple[Any, ...]:
        """Errors travel (pickle, copy, a process pool's results) with status, headers, body and any other state."""
        return type(self), (self.status_code, self.content, httpx.Headers(self.headers), self.detail), self.__dict__


class UnexpectedStatus(ResponseError):
    """The server answered with a status the spec does not document for this operation."""

    summary = "Unexpected status code"


class MalformedResponse(ResponseError):
    """A documented status whose body does not match its schema (not JSON, wrong shape, wrong field type)."""

    summary = "Malformed response for status"


class ResponseTooLarge(MalformedResponse):
    """The body grew past the client's max_response_bytes (after decompression); `content` holds its first bytes."""

    summary = "Response too large for status"


class RetryAfterTooLong(ResponseError):
    """The server asked to retry after longer than the SDK sleeps (client.MAX_RETRY_AFTER): raised at once, with
    the server's wait in `retry_after` (seconds; inf when it named no readable time)."""

    summary = "Retry-After too long for status"

    def __init__(
        self,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        detail: str = "",
        *,
        retry_after: float = 0.0,
        attempts: int = 1,
    ):
        self.retry_after = retry_after
        super().__init__(
            status_code,
            content,
            headers,
            detail or f"the server asks to retry after {retry_after:g} s",
            attempts=attempts,
        )


class RedirectRefused(ResponseError):
    """A redirect the SDK does not follow: following it would change the request's method (a DELETE answered
    302 or 303 becomes a GET). `headers["Location"]` says where the server pointed."""

    summary = "Redirect not followed for status"


# Headers whose values are credentials: an error's request carries them redacted (errors get logged and pickled).
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


def redacted(request: httpx.Request, secret_headers: frozenset[str] = SECRET_HEADERS) -> httpx.Request:
    """A copy of the request (without its body) whose credential headers read "[redacted]"."""
    headers = [
        (name, "[redacted]" if name.lower() in secret_headers else value) for name, value in request.headers.items()
    ]
    return httpx.Request(request.method, request.url, headers=headers, extensions=request.extensions)


# The request extension the client's transport counts a call's attempts in (a retry sends the same request).
ATTEMPT_EXTENSION = "jetemail_attempt"


def attempts_of(message: httpx.Request | httpx.Response) -> int:
    """How many attempts the call of this request (or response) made; 1 when it was not counted."""
    try:
        request = message.request if isinstance(message, httpx.Response) else message
    except RuntimeError:  # a response built without a request
        return 1
    return int(request.extensions.get(ATTEMPT_EXTENSION, 1))


def transport_error(
    error: httpx.RequestError, secret_headers: frozenset[str] = SECRET_HEADERS, *, attempts: int = 1
) -> TransportError:
    """The SDK error for an httpx failure to get a response, bound to the same request with its credentials
    redacted. An error without text of its own (an async read timeout) says what it is."""
    kind = RequestTimeout if isinstance(error, httpx.TimeoutException) else TransportError
    try:
        request: httpx.Request | None = redacted(error.request, secret_headers)
    except RuntimeError:  # an error raised before a request was bound to it
        request = None
    detail = str(error) or ("no response within the timeout" if kind is RequestTimeout else "the connection failed")
    if request is not None:  # the httpx error stays the __cause__: its request is redacted too
        error.request = request
    made = kind(f"{type(error).__name__}: {detail}", request=request)
    made.attempts = attempts
    return made


__all__ = [
    "ATTEMPT_EXTENSION",
    "PARSE_FAILURES",
    "PREVIEW_BYTES",
    "SECRET_HEADERS",
    "ClientClosed",
    "InvalidApiKey",
    "InvalidSetting",
    "JetEmailError",
    "MalformedResponse",
    "MissingApiKey",
    "RedirectRefused",
    "RequestTimeout",
    "ResponseError",
    "ResponseTooLarge",
    "RetryAfterTooLong",
    "SchemaViolation",
    "TransportError",
    "UnexpectedStatus",
    "attempts_of",
    "redacted",
    "transport_error",
]
