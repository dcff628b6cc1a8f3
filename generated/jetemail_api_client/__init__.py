"""A client library for accessing JetEmail API"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import AsyncJetEmail, JetEmail
    from .client import AuthenticatedClient, Client
    from .errors import (
        APIStatusError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InternalServerError,
        JetEmailError,
        MalformedResponse,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RequestTimeout,
        TransportError,
        UnexpectedStatus,
        UnprocessableEntityError,
    )

# the SDK's own version and the version of the API it was generated from
__version__ = "4.0.0"
API_VERSION = "1.0.0"  # the spec's info.version

# The errors a caller catches, from the package root as from .errors.
_ERRORS = (
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "JetEmailError",
    "MalformedResponse",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeout",
    "TransportError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
)
_LAZY = {
    "AsyncJetEmail": ".api",
    "JetEmail": ".api",
    "AuthenticatedClient": ".client",
    "Client": ".client",
    **dict.fromkeys(_ERRORS, ".errors"),
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = (
    "API_VERSION",
    "APIStatusError",
    "AsyncJetEmail",
    "AuthenticationError",
    "AuthenticatedClient",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalServerError",
    "JetEmail",
    "JetEmailError",
    "MalformedResponse",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeout",
    "TransportError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "__version__",
)
