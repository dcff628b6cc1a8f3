"""`make demo`: the SDK doing its job against the local JetEmail stand-in, no account and no network.

Starts the stand-in as a separate process, then uses the SDK exactly as the README shows (only the
base URL differs), prints what happened, stops the stand-in, and exits non-zero on any deviation.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from jetemail_api_client import APIStatusError, AuthenticationError, BadRequestError, JetEmail, NotFoundError
from jetemail_api_client.models import DeleteSmtpUserOk

from tools.server_process import server_process
from tools.standin import DEFAULT_API_KEY


def said(error: APIStatusError) -> str:
    """What the server said: the documented model's `error`, else the status."""
    return str(getattr(error.parsed, "error", None) or error.status_code)


def delete(client: JetEmail, username: str) -> str:
    """The README's usage, returning what it would print."""
    with client:
        try:
            result = client.outbound.smarthost.delete(username=username)
        except NotFoundError as error:
            return f"nothing to delete: {said(error)}"
        except (BadRequestError, AuthenticationError) as error:
            return f"refused: {said(error)}"
        except APIStatusError as error:
            return f"not deleted: {said(error)}"
    if isinstance(result, DeleteSmtpUserOk):
        return f"deleted: {result.message}"
    return f"deleted (HTTP {result.status_code})"


@dataclass(frozen=True)
class Scenario:
    title: str
    run: Callable[[str], str]  # base URL -> what happened
    expected: str  # how the outcome starts


def arm(base_url: str, fault: str) -> None:
    httpx.post(f"{base_url}/_standin/faults", params={"name": fault, "times": 1}).raise_for_status()


def faults_fired(base_url: str) -> dict[str, int]:
    faults: dict[str, int] = httpx.get(f"{base_url}/_standin/stats").json()["faults"]
    return faults


def absorbed_fault(base_url: str) -> str:
    arm(base_url, "unavailable")
    outcome = delete(JetEmail(base_url=base_url), "smtp-user2")
    retried = faults_fired(base_url).get("unavailable", 0)
    return f"{outcome} (after {retried}x 503 + Retry-After, retried)"


SCENARIOS = [
    Scenario("delete smtp-user1", lambda url: delete(JetEmail(base_url=url), "smtp-user1"), "deleted:"),
    Scenario("delete smtp-user1 again", lambda url: delete(JetEmail(base_url=url), "smtp-user1"), "nothing to delete:"),
    Scenario(
        "delete with a wrong API key",
        lambda url: delete(JetEmail(base_url=url, api_key="api_wrong-key"), "smtp-user3"),
        "refused:",
    ),
    Scenario("503 once, absorbed by retries", absorbed_fault, "deleted:"),
]


def main() -> int:
    os.environ["JETEMAIL_API_KEY"] = DEFAULT_API_KEY  # the README's client reads the key from here
    with server_process("tools.standin", "--port", "0", "--api-key", DEFAULT_API_KEY) as (process, base_url):
        print(f"JetEmail stand-in on {base_url}\n")
        failures = 0
        for scenario in SCENARIOS:
            try:
                outcome = scenario.run(base_url)
            except Exception as error:  # a deviation to report, whatever it is
                outcome = f"{type(error).__name__}: {error}"
            ok = outcome.startswith(scenario.expected)
            failures += not ok
            print(f"  {'✓' if ok else '✗'} {scenario.title:<32} {outcome}")
        process.terminate()
        stopped = process.wait(timeout=10)
    print(f"\n{len(SCENARIOS) - failures} passed, {failures} failed")
    if stopped != 0:
        print(f"the stand-in did not stop cleanly: exit code {stopped}")
    return 1 if failures or stopped != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
