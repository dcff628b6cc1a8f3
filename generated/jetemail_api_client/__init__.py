"""A client library for accessing JetEmail API"""

from .client import AuthenticatedClient, Client

__version__ = "1.4.2"
API_VERSION = "1.0.0"  # the spec's info.version

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
    "__version__",
)
