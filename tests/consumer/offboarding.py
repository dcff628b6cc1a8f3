"""A consumer of the SDK, as another service would write it: offboard SMTP users with both clients.

Type-checked by `mypy --strict` and pyright in strict mode in `make test` (tests/test_consumer.py runs it too,
against the stand-in): the union a call returns needs no `None` arm, and each documented status is a model.
"""

from __future__ import annotations

import asyncio
import sys

import httpx
from jetemail_api_client import AsyncJetEmail, JetEmail
from jetemail_api_client.errors import JetEmailError, RequestTimeout, UnexpectedStatus
from jetemail_api_client.models import (
    DeleteSmtpUserBadRequest,
    DeleteSmtpUserNotFound,
    DeleteSmtpUserOk,
    DeleteSmtpUserServerError,
    DeleteSmtpUserUnauthorized,
)

Outcome = (
    DeleteSmtpUserOk
    | DeleteSmtpUserNotFound
    | DeleteSmtpUserBadRequest
    | DeleteSmtpUserUnauthorized
    | DeleteSmtpUserServerError
)


def describe(username: str, outcome: Outcome) -> str:
    match outcome:
        case DeleteSmtpUserOk(message=message):
            return f"{username}: deleted ({message})"
        case DeleteSmtpUserNotFound():
            return f"{username}: already gone"
        case DeleteSmtpUserBadRequest(error=error) | DeleteSmtpUserUnauthorized(error=error):
            return f"{username}: refused ({error})"
        case DeleteSmtpUserServerError(error=error):
            return f"{username}: server error ({error})"


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
            except UnexpectedStatus as error:
                lines.append(f"{username}: unexpected {error.status_code}")
                continue
            lines.append(describe(username, outcome))
        raw = client.with_raw_response.outbound.smarthost.delete(username=usernames[0], retries=0)
        lines.append(f"again: HTTP {raw.status_code}, request id {raw.headers.get('x-request-id', '-')}")
    return lines


async def offboard_async(usernames: list[str], *, base_url: str | None = None) -> list[str]:
    async with AsyncJetEmail(base_url=base_url, timeout=httpx.Timeout(10.0, connect=2.0)) as client:
        outcomes = await asyncio.gather(
            *(client.outbound.smarthost.delete(username=username, timeout=5) for username in usernames)
        )
    return [describe(username, outcome) for username, outcome in zip(usernames, outcomes, strict=True)]


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
