"""The SDK's dependencies at their declared floors, and the wheel cache that lets a test install them offline.

    python -m tools.floors   # `make floor-wheels`: download what is missing into .cache/floor-wheels (network)

Each dependency of generated/pyproject.toml is taken at its lower bound (`httpx>=0.26.0,<0.29.0` gives
`httpx==0.26.0`); what those need in turn is resolved by pip as it would be for a user (the newest releases
they allow). tests/pipeline/test_packaging.py installs the wheel with exactly these, `--no-index --find-links`
the cache.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from scripts.generate import OUTPUT
from scripts.spec_pin import ROOT

FLOOR_WHEELS = ROOT / ".cache" / "floor-wheels"
FILL = "make floor-wheels"  # what fills FLOOR_WHEELS (make test does it first)
LOWER_BOUNDS = (">=", "==", "~=", "===")


def floors(pyproject: Path = OUTPUT / "pyproject.toml") -> list[str]:
    """`name==version` for each dependency, at its declared lower bound; a dependency without one is an error."""
    pinned = []
    for line in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]:
        requirement = Requirement(line)
        lower = [spec.version for spec in requirement.specifier if spec.operator in LOWER_BOUNDS]
        if len(lower) != 1:
            raise SystemExit(f"{pyproject}: {line!r} needs exactly one lower bound (>=): its floor is what is tested")
        pinned.append(f"{requirement.name}=={lower[0]}")
    return pinned


def missing(cache: Path = FLOOR_WHEELS) -> list[str]:
    """The floors that have no wheel in the cache."""
    found = {parse_wheel_filename(path.name)[:2] for path in cache.glob("*.whl")}
    absent = []
    for floor in floors():
        name, version = floor.split("==")
        if (canonicalize_name(name), Version(version)) not in found:
            absent.append(floor)
    return absent


def fill(cache: Path = FLOOR_WHEELS) -> int:
    absent = missing(cache)
    if not absent:
        print(f"{cache.relative_to(ROOT)} holds the wheels of every dependency at its floor")
        return 0
    print(f"downloading into {cache.relative_to(ROOT)}: {' '.join(absent)} and what they need")
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run([*command, "--only-binary=:all:", "--dest", str(cache), *floors()], check=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(fill())
