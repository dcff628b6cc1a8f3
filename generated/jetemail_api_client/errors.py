"""Every error this SDK raises derives from JetEmailError.

Documented error responses (400, 401, ...) are not errors: they come back as typed models.
"""

from collections.abc import Mapping

import httpx

# What decoding a body and building its model can raise: bad JSON or UTF-8, a body of the wrong
# shape, a missing required field, a field of the wrong JSON type (SchemaViolation), absurd nesting.
PARSE_FAILURES = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
_PREVIEW_BYTES = 200


class JetEmailError(Exception):
    """Base class of every error raised by this SDK."""


class MissingApiKey(JetEmailError):
    """No API key was passed to the client and none is set in the environment."""


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

    def __init__(self, status_code: int, content: bytes, headers: Mapping[str, str] | None = None, detail: str = ""):
        self.status_code = status_code
        self.content = content
        self.headers: Mapping[str, str] = headers if headers is not None else httpx.Headers()
        self.detail = detail
        preview = content[:_PREVIEW_BYTES].decode(errors="replace")
        more = "…" if len(content) > _PREVIEW_BYTES else ""
        super().__init__(f"{self.summary} {status_code}{': ' + detail if detail else ''}; body: {preview!r}{more}")

    summary = "Response with status"


class UnexpectedStatus(ResponseError):
    """The server answered with a status the spec does not document for this operation."""

    summary = "Unexpected status code"


class MalformedResponse(ResponseError):
    """A documented status whose body does not match its schema (not JSON, wrong shape, wrong field type)."""

    summary = "Malformed response for status"


def transport_error(error: httpx.RequestError) -> TransportError:
    """The SDK error for an httpx failure to get a response, bound to the same request."""
    kind = RequestTimeout if isinstance(error, httpx.TimeoutException) else TransportError
    try:
        request = error.request
    except RuntimeError:  # an error raised before a request was bound to it
        request = None
    return kind(f"{type(error).__name__}: {error}", request=request)


__all__ = [
    "PARSE_FAILURES",
    "JetEmailError",
    "MalformedResponse",
    "MissingApiKey",
    "RequestTimeout",
    "ResponseError",
    "SchemaViolation",
    "TransportError",
    "UnexpectedStatus",
    "transport_error",
]
