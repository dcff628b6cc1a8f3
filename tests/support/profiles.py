"""The test profile (TEST_PROFILE: quick, strict, check-spec, explore; tests/conftest.py says what each runs)."""

from __future__ import annotations

import os

import pytest

PROFILE = os.environ.get("TEST_PROFILE", "quick")
PROFILES = ("quick", "strict", "check-spec", "explore")
if PROFILE not in PROFILES:
    raise SystemExit(f"TEST_PROFILE={PROFILE!r}: one of {', '.join(PROFILES)}")
# The share of the strict profile's examples each profile runs.
SHARE = {"quick": 0.1, "strict": 1.0, "check-spec": 0.2, "explore": 1.0}
STRICT = PROFILE == "strict"


def examples(strict_count: int, profile: str = PROFILE) -> int:
    """How many examples a property runs that the strict profile runs `strict_count` times (at least 2)."""
    share = SHARE[profile] if strict_count <= 100 else SHARE[profile] / 2  # long fuzz runs shrink more
    return max(2, round(strict_count * share))


strict_only = pytest.mark.skipif(not STRICT, reason="runs under TEST_PROFILE=strict (CI) only")
