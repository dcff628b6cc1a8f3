"""Every error this SDK raises derives from JetEmailError.

The resource clients raise an APIStatusError (NotFoundError, RateLimitError, ...) for every status but 2xx; the
module functions return the documented error responses as typed models and raise only for the others.
"""

from collections.abc import Mapping
from typing import Any

import httpx

# What decoding a body and building its model can raise: bad JSON or UTF-8, a body of the wrong
# shape, a missing required field, a field of the wrong JSON type (SchemaViolation), absurd nesting.
PARSE_FAILURES = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
PREVIEW_BYTES = 200  # how much of a body an error's message shows, and ResponseTooLarge keeps


class JetEmailError(Exception):
    """Base class of every error raised by this SDK.

    `attempts` is how many attempts the call made (0: none).
    """

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
    """No response arrived: the connection failed or broke.

    The httpx exception is the __cause__. It is also an httpx.TransportError, so code written against plain httpx
    errors keeps working.
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


# The response header that names the request on the server's side.
REQUEST_ID_HEADER = "x-request-id"


class APIStatusError(ResponseError):
    """The server answered with a status the call does not return: every status error derives from this class.

    The resource clients (JetEmail, AsyncJetEmail) raise one for every status but 2xx; the module functions for a
    status the spec does not document. Its class names the status (NotFoundError for 404, ...), documented or
    not, so that an `except` keeps working when the spec documents a status later. `parsed` is the model the spec
    documents for the status (None when it documents none); `request_id` the response's X-Request-Id.
    """

    summary = "Error status"

    def __init__(
        self,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        detail: str = "",
        *,
        attempts: int = 1,
        parsed: object = None,
    ):
        self.parsed = parsed
        super().__init__(status_code, content, headers, detail, attempts=attempts)

    @property
    def request_id(self) -> str | None:
        """The response's request id (X-Request-Id), to quote to JetEmail's support."""
        request_id: str | None = httpx.Headers(self.headers).get(REQUEST_ID_HEADER)
        return request_id


# The name the module functions have always raised for a status the spec does not document (and code catches).
UnexpectedStatus = APIStatusError


class BadRequestError(APIStatusError):
    """400: the server refused the request as malformed or invalid."""

    summary = "Bad request"


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""

    summary = "Authentication failed"


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this."""

    summary = "Permission denied"


class NotFoundError(APIStatusError):
    """404: nothing is there (after a delete: already gone)."""

    summary = "Not found"


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's state."""

    summary = "Conflict"


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but its values are refused."""

    summary = "Unprocessable entity"


class RateLimitError(APIStatusError):
    """429: too many requests (retried first, as the client's retries allow)."""

    summary = "Rate limited"


class InternalServerError(APIStatusError):
    """5xx: the server (or a gateway before it) failed."""

    summary = "Server error"


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(
    status_code: int,
    content: bytes,
    headers: Mapping[str, str] | None = None,
    *,
    attempts: int = 1,
    parsed: object = None,
    documented: bool = True,
) -> APIStatusError:
    """The error for a status, of the class that names it (APIStatusError itself for one no class names)."""
    kind = InternalServerError if status_code >= 500 else _STATUS_ERRORS.get(status_code, APIStatusError)
    detail = "" if documented else "a status the spec does not document for this operation"
    return kind(status_code, content, headers, detail, attempts=attempts, parsed=parsed)


class MalformedResponse(ResponseError):
    """A documented status whose body does not match its schema (not JSON, wrong shape, wrong field type)."""

    summary = "Malformed response for status"


class ResponseTooLarge(MalformedResponse):
    """The body grew past the client's max_response_bytes (after decompression); `content` holds its first bytes."""

    summary = "Response too large for status"


class RetryAfterTooLong(ResponseError):
    """The server asked to retry after longer than the SDK sleeps (client.MAX_RETRY_AFTER).

    It is raised at once, with the server's wait in `retry_after` (seconds; inf when it named no readable time).
    """

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
    """A redirect the SDK does not follow, because following it would change the request's method.

    A DELETE answered 302 or 303 would become a GET. `headers["Location"]` says where the server pointed.
    """

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
    """The SDK error for an httpx failure to get a response, bound to its request with the credentials redacted.

    An error without text of its own (an async read timeout) says what it is.
    """
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
    "REQUEST_ID_HEADER",
    "SECRET_HEADERS",
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosed",
    "ConflictError",
    "InternalServerError",
    "InvalidApiKey",
    "InvalidSetting",
    "JetEmailError",
    "MalformedResponse",
    "MissingApiKey",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectRefused",
    "RequestTimeout",
    "ResponseError",
    "ResponseTooLarge",
    "RetryAfterTooLong",
    "SchemaViolation",
    "TransportError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "attempts_of",
    "redacted",
    "status_error",
    "transport_error",
]
