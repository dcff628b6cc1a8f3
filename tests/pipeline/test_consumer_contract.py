"""The version policy matches what type checkers see: tests/consumer/offboarding.py, written against the spec as
it was, stays unchanged while `update-spec` takes additive changes one at a time (a new optional response field, a
newly documented 403 or 429, a new response enum value, a new GET operation). After each, the consumer passes
mypy --strict and pyright strict, runs green against the stand-in serving the new spec, and the bump is minor.

The quick profile takes the cheapest two; the strict profile all five.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import sandbox
from tests.pipeline.test_update_spec import repo, updated
from tests.support.profiles import STRICT
from tools.server_process import server_process
from tools.standin import DEFAULT_API_KEY, SEED_USERS, UNLISTED_ENUM_VALUE

pytestmark = pytest.mark.update_spec
__all__ = ["repo"]  # the fixture: a copy of the repo at the baseline spec

# Each additive change as the fixtures that make it, taken in order (an enum value needs its enum first).
ADDITIVE = {
    "a new optional response field": ("add-optional-field.json",),
    "a newly documented 403": ("add-403.json",),
    "a newly documented 429": ("add-429.json",),
    "a new response enum value": ("add-enum-field.json", "add-enum-value.json"),
    "a new GET operation": ("add-operation.yaml",),
}
CHEAPEST = ("a new optional response field", "a newly documented 403")


def consumer_runs_against_the_standin(repo: Path) -> list[str]:
    """What the consumer prints, deleting two seed users and one nobody has, against the copy's stand-in."""
    users = [*SEED_USERS[:2], "nobody"]
    with server_process("tools.standin", cwd=repo) as (_, url):
        env = {"JETEMAIL_API_KEY": DEFAULT_API_KEY, "JETEMAIL_BASE_URL": url, "PYTHONPATH": "generated"}
        result = sandbox.run(repo, "python", "tests/consumer/offboarding.py", *users, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("change", [change for change in ADDITIVE if STRICT or change in CHEAPEST])
def test_the_unchanged_consumer_survives_an_additive_change(change: str, repo: Path) -> None:
    consumer = (repo / "tests" / "consumer" / "offboarding.py").read_bytes()
    for fixture in ADDITIVE[change]:
        updated(repo, fixture, "minor")

    assert (repo / "tests" / "consumer" / "offboarding.py").read_bytes() == consumer
    for checker in (("mypy", "--strict", "--no-incremental", "tests/consumer"), ("pyright",)):
        checked = sandbox.run(repo, *checker)
        assert checked.returncode == 0, f"{checker[0]}: {checked.stdout[-3000:]}{checked.stderr[-1000:]}"
    lines = consumer_runs_against_the_standin(repo)
    assert [line.split(": ", 1)[1].split(" ")[0] for line in lines[:3]] == ["deleted", "deleted", "already"]
    assert lines[3].startswith("again: HTTP 404")
    assert all(line.endswith(": already gone") for line in lines[4:]) and len(lines) == 7


def test_the_additive_fixtures_are_where_the_test_looks() -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    assert all((fixtures / name).is_file() for names in ADDITIVE.values() for name in names)
    assert set(CHEAPEST) <= set(ADDITIVE)  # the quick profile's changes are among the five


FORWARD_COMPATIBLE = """
import asyncio, json, sys
from jetemail_api_client import AsyncJetEmail, JetEmail
from jetemail_api_client.types import UndocumentedSuccess

def delete(client, fault):
    return client.outbound.smarthost.delete(username="smtp-user3", extra_headers={"X-Standin-Fault": fault})

async def adelete(fault):
    async with AsyncJetEmail() as client:
        return await delete(client, fault)

seen = {}
for fault in ("unlisted-enum-value", "undocumented-204"):
    with JetEmail() as client:
        results = [delete(client, fault), asyncio.run(adelete(fault))]
    raw = JetEmail().with_raw_response.outbound.smarthost.delete(username="a", extra_headers={"X-Standin-Fault": fault})
    seen[fault] = [
        {"type": type(r).__name__, "state": str(getattr(r, "state", "")), "sent back": getattr(r, "to_dict", dict)()}
        if not isinstance(r, UndocumentedSuccess) else {"type": type(r).__name__, "status": r.status_code}
        for r in results
    ] + [{"raw status": raw.status_code, "raw parsed": type(raw.parsed).__name__}]
print(json.dumps(seen))
"""


def test_a_value_the_enum_does_not_list_and_an_undocumented_204_are_successes(repo: Path) -> None:
    updated(repo, "add-enum-field.json", "minor")
    with server_process("tools.standin", cwd=repo) as (_, url):
        env = {"JETEMAIL_API_KEY": DEFAULT_API_KEY, "JETEMAIL_BASE_URL": url, "PYTHONPATH": "generated"}
        result = sandbox.run(repo, "python", "-c", FORWARD_COMPATIBLE, env=env)
    assert result.returncode == 0, result.stderr

    seen = json.loads(result.stdout)
    for answer in seen["unlisted-enum-value"][:2]:  # JetEmail, then AsyncJetEmail
        assert answer["state"] == UNLISTED_ENUM_VALUE and answer["sent back"]["state"] == UNLISTED_ENUM_VALUE
    assert seen["undocumented-204"][:2] == [{"type": "UndocumentedSuccess", "status": 204}] * 2
    assert seen["undocumented-204"][2] == {"raw status": 204, "raw parsed": "UndocumentedSuccess"}
