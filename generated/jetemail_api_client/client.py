"""The clients the operation functions take: Client, and AuthenticatedClient, which sends the API key."""

from ._base_client import (
    API_KEY_ENVIRONMENT_VARIABLE,
    BASE_URL_ENVIRONMENT_VARIABLE,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    LOG_ENVIRONMENT_VARIABLE,
    MAX_TOTAL_SLEEP,
    AuthenticatedClientBase,
    ClientBase,
    RetryPolicy,
    safe_url,
    user_agent,
)

DEFAULT_BASE_URL = "https://api.jetemail.com"  # the spec's first server
USER_AGENT = user_agent("jetemail-api-client", "4.0.0")


class Client(ClientBase):
    __doc__ = ClientBase.__doc__
    __slots__ = ()
    default_base_url = DEFAULT_BASE_URL
    user_agent = USER_AGENT


class AuthenticatedClient(AuthenticatedClientBase):
    __doc__ = AuthenticatedClientBase.__doc__
    __slots__ = ()
    default_base_url = DEFAULT_BASE_URL
    user_agent = USER_AGENT


__all__ = [
    "API_KEY_ENVIRONMENT_VARIABLE",
    "BASE_URL_ENVIRONMENT_VARIABLE",
    "DEFAULT_BASE_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "LOG_ENVIRONMENT_VARIABLE",
    "MAX_TOTAL_SLEEP",
    "USER_AGENT",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "safe_url",
]
