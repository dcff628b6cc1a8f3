"""A client library for accessing JetEmail API"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import AsyncJetEmail, JetEmail
    from .client import AuthenticatedClient, Client

# the SDK's own version and the version of the API it was generated from
__version__ = "3.3.2"
API_VERSION = "1.0.0"  # the spec's info.version

_LAZY = {"AsyncJetEmail": ".api", "JetEmail": ".api", "AuthenticatedClient": ".client", "Client": ".client"}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = (
    "API_VERSION",
    "AsyncJetEmail",
    "AuthenticatedClient",
    "Client",
    "JetEmail",
    "__version__",
)
