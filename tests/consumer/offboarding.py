"""A consumer of the SDK, as another service would write it: offboard SMTP users with both clients.

Type-checked by `mypy --strict` and pyright in strict mode in `make test`, and run against the stand-in. It is
written once against the spec as it was and must keep passing, unchanged, as additive spec changes come in (a new
optional field, a newly documented 403 or 429, a new enum value, a new operation): a call returns only its
documented success (or UndocumentedSuccess), every other status raises the error class that names it.
"""

from __future__ import annotations

import asyncio
import sys

import httpx
from jetemail_api_client import (
    APIStatusError,
    AsyncJetEmail,
    AuthenticationError,
    JetEmail,
    JetEmailError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeout,
)
from jetemail_api_client.models import DeleteSmtpUserOk
from jetemail_api_client.types import UndocumentedSuccess


def describe(username: str, outcome: DeleteSmtpUserOk | UndocumentedSuccess) -> str:
    match outcome:
        case DeleteSmtpUserOk(message=message):
            return f"{username}: deleted ({message})"
        case UndocumentedSuccess(status_code=status_code):
            return f"{username}: deleted (HTTP {status_code})"


def failed(username: str, error: APIStatusError) -> str:
    match error:
        case NotFoundError():
            return f"{username}: already gone"
        case AuthenticationError() | PermissionDeniedError():
            return f"{username}: refused ({error.status_code}, request {error.request_id or '-'})"
        case RateLimitError():
            return f"{username}: rate limited"
        case _:
            return f"{username}: failed with {error.status_code}"


def offboard(usernames: list[str], *, base_url: str | None = None) -> list[str]:
    lines: list[str] = []
    with JetEmail(base_url=base_url, timeout=10.0, retries=2) as client:
        for username in usernames:
            try:
                outcome = client.outbound.smarthost.delete(
                    username=username, timeout=httpx.Timeout(5.0), extra_headers={"X-Request-Source": "offboarding"}
                )
            except RequestTimeout:
                lines.append(f"{username}: timed out")
                continue
            except APIStatusError as error:
                lines.append(failed(username, error))
                continue
            lines.append(describe(username, outcome))
        raw = client.with_raw_response.outbound.smarthost.delete(username=usernames[0], retries=0)
        lines.append(f"again: HTTP {raw.status_code}, request id {raw.headers.get('x-request-id', '-')}")
    return lines


async def offboard_async(usernames: list[str], *, base_url: str | None = None) -> list[str]:
    async with AsyncJetEmail(base_url=base_url, timeout=httpx.Timeout(10.0, connect=2.0)) as client:
        outcomes = await asyncio.gather(
            *(client.outbound.smarthost.delete(username=username, timeout=5) for username in usernames),
            return_exceptions=True,
        )
    lines: list[str] = []
    for username, outcome in zip(usernames, outcomes, strict=True):
        if isinstance(outcome, APIStatusError):
            lines.append(failed(username, outcome))
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            lines.append(describe(username, outcome))
    return lines


def main(argv: list[str]) -> int:
    try:
        for line in offboard(argv) + asyncio.run(offboard_async(argv)):
            print(line)
    except JetEmailError as error:
        print(f"offboarding failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
