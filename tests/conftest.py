"""Shared test settings: hypothesis runs derandomized, so CI sees the same examples every run, and
retry backoffs are recorded, never slept."""

import os
from types import SimpleNamespace

import httpx_retries.retry
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# HYPOTHESIS_PROFILE=explore (random, with an example database) for local bug hunting.
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry backoffs httpx-retries asked for, recorded instead of slept: no test waits for time."""
    slept: list[float] = []

    async def asleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(httpx_retries.retry, "time", SimpleNamespace(sleep=slept.append))
    monkeypatch.setattr(httpx_retries.retry, "asyncio", SimpleNamespace(sleep=asleep))
    return slept
