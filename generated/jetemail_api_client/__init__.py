"""A client library for accessing JetEmail API"""

from .api import AsyncJetEmail, JetEmail
from .client import AuthenticatedClient, Client

__version__ = "2.1.1"
API_VERSION = "1.0.0"  # the spec's info.version

__all__ = (
    "API_VERSION",
    "AsyncJetEmail",
    "AuthenticatedClient",
    "Client",
    "JetEmail",
    "__version__",
)
