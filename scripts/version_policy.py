"""The SDK's version policy, enforced like the spec pin.

    python -m scripts.version_policy check   # exit 1, saying what to do, when the policy is broken
    python -m scripts.version_policy record  # bump if needed, regenerate, record `VERSION_PIN` in the Makefile

`make generate` and `make update-spec` apply it by themselves.

Policy: the package version is the spec's `info.version`. When the generated code changes while
`info.version` does not (a new generator, config or templates, or a spec edited without a version
bump), the version becomes `<info.version>.post<N>`, N counting up from 1, through
`package_version_override` in generator-config.yaml. The Makefile's `VERSION_PIN := <version> <sha256>`
records which generated code a version stands for (the sha256 of generated/ with its own version
string masked), so the same version can never name two different builds.
"""

from __future__ import annotations

import re
import subprocess
import sys

from scripts import generate
from scripts.oas import load_spec
from scripts.spec_pin import MAKEFILE, pin_command, rewrite_line

PIN_LINE = re.compile(r"^VERSION_PIN := (\S+) ([0-9a-f]{64})$", re.MULTILINE)
OVERRIDE_LINE = re.compile(r"^package_version_override: .*\n", re.MULTILINE)
VERSION_IN_PYPROJECT = re.compile(r'^version = "([^"]+)"$', re.MULTILINE)
POST = re.compile(r"^(?P<base>.+)\.post(?P<n>\d+)$")


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


def committed_pin() -> tuple[str, str]:
    """The record as last committed: work in progress bumps the version once, not at every regeneration."""
    shown = subprocess.run(
        ["git", "show", f"HEAD:{MAKEFILE.name}"], cwd=MAKEFILE.parent, capture_output=True, text=True, check=False
    )
    return pinned(shown.stdout) if shown.returncode == 0 and PIN_LINE.search(shown.stdout) else pinned()


def next_version(spec_version: str, pinned_version: str) -> str:
    """The version for new generated code: info.version, or its next .postN when info.version is unchanged."""
    post = POST.match(pinned_version)
    base, n = (post.group("base"), int(post.group("n"))) if post else (pinned_version, 0)
    return f"{spec_version}.post{n + 1}" if base == spec_version else spec_version


def violation() -> str | None:
    version = built_version()
    pinned_version, pinned_sha = pinned()
    if (version, output_sha256(version)) == (pinned_version, pinned_sha):
        return None
    return (
        f"generated/ (version {version}) is not the build VERSION_PIN records ({pinned_version}): the generated "
        "code or its version changed. Run `make version` to apply the version policy (README) and record it."
    )


def set_override(version: str | None) -> None:
    """Write (or, for None, remove) package_version_override in generator-config.yaml."""
    config = generate.CONFIG.read_text(encoding="utf-8")
    config = OVERRIDE_LINE.sub("", config)
    if version is not None:
        config = config.rstrip("\n") + f"\n\npackage_version_override: {version}  # the version policy (README)\n"
        config = re.sub(r"\n{3,}", "\n\n", config)
    generate.CONFIG.write_text(config, encoding="utf-8")


def record() -> str:
    """Apply the policy to the current generated code, regenerating when the version moves, and pin it."""
    spec_version = str(load_spec()["info"]["version"])
    pinned_version, pinned_sha = committed_pin()
    current = built_version()
    # An override left from an older info.version no longer applies.
    target = current if current == spec_version or current.startswith(f"{spec_version}.post") else spec_version
    if target == pinned_version and output_sha256(current) != pinned_sha:  # new code under a used version
        target = next_version(spec_version, pinned_version)
    if target != current:
        set_override(None if target == spec_version else target)
        generate.regenerate()
        generate.FINGERPRINT.write_text(generate.fingerprint())
    rewrite_line(PIN_LINE, f"VERSION_PIN := {target} {output_sha256(target)}")
    return target


def main(argv: list[str]) -> int:
    return pin_command(argv, __doc__ or "", violation, ("record", lambda: f"VERSION_PIN records version {record()}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
