"""make check-spec (strict profile, so CI proves it) on specs nobody here wrote, the latest Resend spec
(OpenAPI 3.1.2, 83 operations) and the richest 3.0.3 one, on the kitchen sinks (every construct the
spec-wide tests must hold on, in 3.0 and 3.1) and on the minimal specs of the constructs real vendors use that
once failed (issue 17), each in a throwaway copy of the repo."""

from __future__ import annotations

import re

import pytest

from scripts import sandbox
from scripts.oas import ROOT, operations_of, read_document
from tests.support.profiles import strict_only

pytestmark = [pytest.mark.update_spec, strict_only]
RESEND = ROOT / "tests" / "fixtures" / "resend"
FIXTURES = ROOT / "tests" / "fixtures"
SPECS = sorted(str(path) for path in RESEND.glob("*.yaml") if path.name.startswith(("046-", "049-")))
SPECS += sorted(str(path) for path in FIXTURES.glob("kitchen-sink-*.yaml"))
VENDOR_CONSTRUCTS = (
    "pattern-and-format.yaml",
    "refused-but-valid.yaml",
    "nullable-enums-3.0.yaml",
    "nullable-enums-3.1.yaml",
    "ignored-headers-and-shared-names.yaml",
    "size-capped-all-of.yaml",
)
SPECS += [str(FIXTURES / name) for name in VENDOR_CONSTRUCTS]


@pytest.mark.parametrize("spec", SPECS, ids=[re.sub(r"-2026.*", "", spec.rsplit("/", 1)[-1]) for spec in SPECS])
def test_check_spec_passes(spec: str) -> None:
    total = sum(1 for _ in operations_of(read_document(spec)))

    result = sandbox.run(ROOT, "python", "-m", "scripts.check_spec", spec, env={"TEST_PROFILE": "check-spec"})

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == f"check-spec: {total}/{total} operations generated, tests green"


def test_check_spec_names_each_failed_step_and_exits_non_zero() -> None:
    broken = next(RESEND.glob("027-*.yaml"))

    result = sandbox.run(ROOT, "python", "-m", "scripts.check_spec", str(broken))

    assert result.returncode == 1
    assert f"{broken}:1838:34: not valid YAML" in result.stderr
