"""The tally check-spec reads (scripts/check_spec.py): how many spec-wide cases ran, how many skipped inside the
test (a schema no value was found for: a construct left untested) and how many did not apply (a `skipif` decided
at collection, such as "the spec has no path parameters"). Written only where SPEC_WIDE_TALLY names a file."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

TALLY = os.environ.get("SPEC_WIDE_TALLY")
_ran: list[str] = []
_skipped: Counter[str] = Counter()  # reason -> cases
_not_applicable: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "setup" and report.skipped:
        _not_applicable.append(report.nodeid)
    elif report.when == "call" and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped[reason.removeprefix("Skipped: ")] += 1
    elif report.when == "call":
        _ran.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if TALLY:
        tally = {"ran": len(_ran), "skipped": dict(_skipped), "not_applicable": len(_not_applicable)}
        Path(TALLY).write_text(json.dumps(tally), encoding="utf-8")
