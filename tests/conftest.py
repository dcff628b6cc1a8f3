"""Shared test settings: the test profile, and retry backoffs recorded, never slept.

TEST_PROFILE picks how hard hypothesis tries (every profile is derandomized, so a run sees the same
examples every time, except `explore`):

    quick       (make test's default) 10 examples a property, 1/20 of the fuzzing; the slow workflow tests
                run on a short chain: the warm suite stays under 90 s
    strict      (CI: .ci/run) 100 examples a property, the full fuzzing and every slow workflow test
    check-spec  (make check-spec) 20 examples a property: the spec-wide tests on a spec of any size
    explore     random examples with a database, for bug hunting
"""

import os

import jetemail_api_client._base_client as base_client
import pytest
from hypothesis import HealthCheck, settings

from tests.support.profiles import PROFILE, examples

settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
for name in ("quick", "strict", "check-spec"):
    settings.register_profile(name, parent=settings.get_profile("deterministic"), max_examples=examples(100, name))
settings.register_profile("explore", deadline=None)
settings.load_profile(PROFILE)
os.environ.setdefault("TEST_PROFILE", PROFILE)  # for the subprocesses some tests start


def pytest_report_header() -> str:
    return f"TEST_PROFILE={PROFILE} ({settings.get_profile(PROFILE).max_examples} examples a property)"


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the request loop asked for between attempts, recorded instead of slept: no test waits for time."""
    slept: list[float] = []

    async def asleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(base_client, "sleep", slept.append)
    monkeypatch.setattr(base_client, "asleep", asleep)
    return slept
