"""The SDK's version: its own semver, moved by what changed for its users, and pinned like the spec.

    python -m scripts.version_policy check   # exit 1, saying what to do, when the policy is broken
    python -m scripts.version_policy record  # bump if the generated code changed, regenerate, record VERSION_PIN

`make generate` and `make update-spec` apply it by themselves.

Policy (docs/pipeline.md, "Versioning"): the version lives in generator-config.yaml (`package_version_override`) and
moves by the level scripts/diff/report.py measures between the last committed build and the current one:
major for anything removed, renamed or retyped, minor for additions and compatible changes, patch when only
the code changed (generator, templates, config, descriptions). It moves once per commit: a second update
before committing bumps from the same committed version, by the larger level of the two. The spec's own
`info.version` is the package's `API_VERSION`. The Makefile's `VERSION_PIN := <version> <sha256>` records
which generated code a version stands for (generated/ hashed with its version masked), so one version never
names two builds.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from scripts import generate, generator_config
from scripts.diff import report
from scripts.spec_pin import MAKEFILE, ROOT, SPEC, pin_command, rewrite_line

PIN_LINE = re.compile(r"^VERSION_PIN := (\S+) ([0-9a-f]{64})$", re.MULTILINE)
VERSION_IN_PYPROJECT = re.compile(r'^version = "([^"]+)"$', re.MULTILINE)
COMPARED = ("generated", "openapi.json", generator_config.CONFIG.name)


def built_version() -> str:
    match = VERSION_IN_PYPROJECT.search((generate.OUTPUT / "pyproject.toml").read_text(encoding="utf-8"))
    assert match, "generated/pyproject.toml has no version"
    return match.group(1)


def output_sha256(version: str) -> str:
    """generated/ as a whole, with the version string masked: the code a version stands for."""
    return generate.digest(generate.tree_files(generate.OUTPUT), generate.OUTPUT, mask=version.encode())


def pinned(makefile_text: str | None = None) -> tuple[str, str]:
    match = PIN_LINE.search(makefile_text if makefile_text is not None else MAKEFILE.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit("the Makefile has no line 'VERSION_PIN := <version> <sha256>'")
    return match.group(1), match.group(2)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=False)


def committed_pin() -> tuple[str, str]:
    """The record as last committed: work in progress bumps the version once, not at every regeneration."""
    shown = _git("show", f"HEAD:{MAKEFILE.name}")
    text = shown.stdout.decode() if shown.returncode == 0 else ""
    return pinned(text) if PIN_LINE.search(text) else pinned()


def pinned_commit() -> str:
    """The last commit that recorded VERSION_PIN: its generated/ is the build the committed version names."""
    found = _git("log", "-1", "--format=%H", "-G", r"^VERSION_PIN := ", "--", MAKEFILE.name)
    return found.stdout.decode().strip() or "HEAD"


def committed_build(destination: Path) -> bool:
    """The spec, config and generated/ of the committed version's build, extracted into `destination`;
    False outside git."""
    archived = _git("archive", pinned_commit(), *COMPARED)
    if archived.returncode != 0:
        return False
    with tarfile.open(fileobj=BytesIO(archived.stdout)) as archive:
        archive.extractall(destination, filter="data")
    return True


def measured_level() -> str | None:
    """The semver level between the committed build and the current one; None outside git."""
    with tempfile.TemporaryDirectory(prefix="committed-") as scratch:
        base = Path(scratch)
        if not committed_build(base):
            return None
        old = report.Side(json.loads((base / "openapi.json").read_text(encoding="utf-8")), base)
        new = report.Side(json.loads(SPEC.read_text(encoding="utf-8")), ROOT)
        return report.compare(old, new).bump


def violation() -> str | None:
    version = built_version()
    pinned_version, pinned_sha = pinned()
    if (version, output_sha256(version)) == (pinned_version, pinned_sha):
        return None
    return (
        f"generated/ (version {version}) is not the build VERSION_PIN records ({pinned_version}): the generated "
        "code or its version changed. Run `make version` to apply the version policy (docs/pipeline.md) and record it."
    )


def set_version(version: str) -> None:
    generator_config.write_version(version, generator_config.CONFIG)


def record(level: str | None = None) -> str:
    """Apply the policy to the current generated code and pin it. `level` is what the caller measured for its
    own change (update-spec's diff); without it, the change since the last commit is measured here."""
    committed_version, committed_sha = committed_pin()
    current = built_version()
    if output_sha256(current) == committed_sha:
        target = committed_version
    else:
        # What this change measured, what the build differs by from the recorded one (which also catches a
        # change made outside this run), a bump already made since the commit; and at least a patch.
        measured = measured_level()
        if level is None and measured is None:
            print("no recorded build to compare with (not a git checkout): counting the change as major")
            measured = "major"
        earlier = report.level_between(committed_version, current)
        levels = [found for found in (level, measured, earlier, "patch") if found is not None]
        target = report.bumped(committed_version, max(levels, key=report.LEVELS.index))
    if target != current:
        set_version(target)
        generate.regenerate(json.loads(SPEC.read_text(encoding="utf-8")), generator_config.CONFIG)
        generate.FINGERPRINT.write_text(generate.fingerprint())
    rewrite_line(PIN_LINE, f"VERSION_PIN := {target} {output_sha256(target)}", MAKEFILE)
    return target


def main(argv: list[str]) -> int:
    return pin_command(argv, __doc__ or "", violation, ("record", lambda: f"VERSION_PIN records version {record()}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
