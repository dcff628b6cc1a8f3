"""`make check-spec SPEC=<path or URL>`: prove the pipeline on any spec, in a throwaway copy of the repo.

    python -m scripts.check_spec SPEC

Validates the spec, adopts it with no history (fallbacks and names computed fresh), generates every
operation, runs ruff and `mypy --strict` on the generated package and the spec-wide contract tests
(tests/sdk/spec_wide: not the tests written for DELETE /outbound/smarthost), under TEST_PROFILE (default
`check-spec`). The checkout is never touched. It prints how many spec-wide cases ran and were skipped, and fails
when more than MAX_SKIPPED_SHARE of them skipped inside the test (a schema the tests found no value for is an
untested one). On success the last line is `check-spec: <G>/<N> operations generated, tests green`; otherwise it
exits 1 naming each failed step.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from scripts import generator_config, sandbox
from scripts.oas import operations_of, spec_or_exit

PROFILE = os.environ.get("TEST_PROFILE", "check-spec")
# Each operation is some 6 to 10 cases, so one self-contradicting schema (a spec's own bug, skipped, and named)
# in a spec of 50 operations stays under 2%; a construct the tests cannot draw, found in many operations, does not.
MAX_SKIPPED_SHARE = 0.02
SPEC_WIDE = "spec-wide tests"
TALLY_NAME = "spec-wide-tally.json"  # beside the copy of the repo


def steps(package: str, spec_file: Path) -> list[tuple[str, list[str]]]:
    return [
        ("generate", ["python", "-m", "scripts.update_spec", "--fresh", str(spec_file)]),
        ("ruff check", ["ruff", "check", "--no-cache", "generated"]),
        ("ruff format", ["ruff", "format", "--check", "--no-cache", "generated"]),
        ("mypy --strict", ["mypy", "--strict", f"generated/{package}"]),
        (SPEC_WIDE, ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/sdk/spec_wide"]),
    ]


def generated_operations(repo: Path, package: str) -> int:
    api = repo / "generated" / package / "api"
    return sum(1 for path in api.glob("*/*.py") if path.name != "__init__.py")


def skips_within_share(tally_file: Path) -> bool:
    """Print the spec-wide tally (tests/sdk/spec_wide/conftest.py writes it); whether the skips stay in the share."""
    tally = json.loads(tally_file.read_text(encoding="utf-8"))
    skipped: int = sum(tally["skipped"].values())
    share = skipped / max(1, int(tally["ran"]) + skipped)
    print(
        f"     spec-wide cases: {tally['ran']} ran, {skipped} skipped ({share:.1%}; at most {MAX_SKIPPED_SHARE:.0%}),"
        f" {tally['not_applicable']} not applicable to this spec"
    )
    for reason, count in sorted(tally["skipped"].items(), key=lambda item: -item[1]):
        print(f"     skipped {count}x: {reason[:160]}")
    return share <= MAX_SKIPPED_SHARE


def check(source: str) -> int:
    spec = spec_or_exit(source, validate=True)
    total = sum(1 for _ in operations_of(spec))
    package = str(generator_config.load()["package_name_override"])
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="check-spec-") as scratch:
        repo = sandbox.copy_repo(Path(scratch) / "repo")
        spec_file = Path(scratch) / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        tally = Path(scratch) / TALLY_NAME
        for name, command in steps(package, spec_file):
            started = time.monotonic()
            result = sandbox.run(repo, *command, env={"TEST_PROFILE": PROFILE, "SPEC_WIDE_TALLY": str(tally)})
            seconds = time.monotonic() - started
            print(f"{'ok  ' if result.returncode == 0 else 'FAIL'} {name} ({seconds:.1f} s)", flush=True)
            if name == "generate" and result.stdout.strip():
                print("\n".join(f"     {line}" for line in result.stdout.strip().splitlines()))
            if result.returncode != 0:
                failed.append(name)
                print("\n".join(f"     {line}" for line in (result.stdout + result.stderr).strip().splitlines()[-40:]))
                if name == "generate":
                    break
            if name == SPEC_WIDE and tally.is_file() and not skips_within_share(tally):
                failed.append(f"{SPEC_WIDE} (too many skipped)")
        generated = generated_operations(repo, package) if "generate" not in failed else 0
    if failed:
        print(f"check-spec: {generated}/{total} operations generated; failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"check-spec: {generated}/{total} operations generated, tests green")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    return check(argv[0])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
