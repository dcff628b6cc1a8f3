"""When a call is tried again, and how long the SDK waits first.

The request loop in _base_client.py asks this module two questions after each attempt: may the call be
retried (`retryable_status`, `retryable_error`), and how long to sleep before the next attempt (`wait_before`).
"""

from __future__ import annotations

import datetime
import logging
import math
import random
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from .errors import InvalidSetting

logger = logging.getLogger(__name__.rpartition(".")[0] + ".client")

DEFAULT_RETRIES = 2
# A Retry-After longer than this is not slept: RetryAfterTooLong is raised at once with the server's wait.
MAX_RETRY_AFTER = 30.0
# All the sleeps between the attempts of one call add up to at most this.
MAX_TOTAL_SLEEP = 60.0
# The request keyword (with_options in types.py) that carries one call's policy to the request loop.
RETRIES_OPTION = "retries"


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """Which calls are tried again, on what, and how long the SDK waits between attempts.

    Pass one as `retries=` for a policy of your own; an int there is this policy with that many retries.
    """

    max_retries: int = DEFAULT_RETRIES
    """How many times a call is tried again after its first attempt (0 disables retries)."""
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    """The statuses that are tried again: the server asks for it, or a gateway failed before the server acted."""
    methods: frozenset[str] = frozenset({"DELETE", "GET", "HEAD", "OPTIONS", "PUT", "TRACE"})
    """The idempotent methods: doing one twice has the effect of doing it once, so a retry is safe."""
    backoff_factor: float = 0.5
    """Retry n waits a random time up to backoff_factor * 2**n seconds (full jitter)."""
    max_retry_after: float = MAX_RETRY_AFTER
    """The longest Retry-After slept; a longer one raises RetryAfterTooLong at once."""
    max_total_sleep: float = MAX_TOTAL_SLEEP
    """All the sleeps of one call add up to at most this many seconds."""

    def __post_init__(self) -> None:
        retries_of(self.max_retries, "max_retries")
        for name in ("backoff_factor", "max_retry_after", "max_total_sleep"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < math.inf):
                raise InvalidSetting(f"RetryPolicy.{name} must be seconds (a finite number >= 0), not {value!r}")

    def retries(self, method: str) -> int:
        """How many retries a call with this method may make: none for a method that is not idempotent."""
        return self.max_retries if method.upper() in self.methods else 0


def retries_of(value: object, where: str) -> int:
    """A number of retries: an int >= 0 (not a bool); anything else is refused with InvalidSetting."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise InvalidSetting(f"{where} must be a number of retries (an int >= 0), not {value!r}")


def policy_of(value: object, where: str) -> RetryPolicy:
    """The RetryPolicy `retries=` stands for: a policy as it is, an int as the default policy with that many."""
    if isinstance(value, RetryPolicy):
        return value
    count = retries_of(value, where)
    return DEFAULT_POLICY if count == DEFAULT_RETRIES else RetryPolicy(max_retries=count)


DEFAULT_POLICY = RetryPolicy()


def retryable_error(error: httpx.RequestError) -> bool:
    """Whether a failure to get a response may be tried again.

    It may when connecting failed, or when the connection broke before any response (a dropped keep-alive). A
    read timeout is not retried: a slow server must not cost three times the read timeout. Nor is a malformed
    response, which would be malformed again.
    """
    if isinstance(error, httpx.RemoteProtocolError):
        return "disconnected without" in str(error)  # httpcore's words for a keep-alive the server had closed
    return isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError))


def retry_after(response: httpx.Response) -> float | None:
    """The seconds the response's Retry-After asks for, as HTTP spells it (ASCII digits, or an HTTP-date).

    It is None when there is none or it cannot be read; one that cannot be read is logged at DEBUG, escaped and
    cut short.
    """
    text = response.headers.get("Retry-After", "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        if not (text.isascii() and text.isprintable()):
            raise ValueError(text)
        when = parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        logger.debug("ignoring an unreadable Retry-After: %r", text[:64])
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


def backoff(policy: RetryPolicy, retry_number: int) -> float:
    """Retry n's wait without Retry-After: a random time up to backoff_factor * 2**n (full jitter), capped."""
    return min(policy.backoff_factor * 2.0**retry_number * random.uniform(0, 1), policy.max_retry_after)
