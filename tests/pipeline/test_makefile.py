"""The Makefile as a newcomer meets it: `make help` names every target, and an interpreter older than Python 3.11 is
refused, with what to do, before anything is built.

The old interpreter is a stand-in script that reports 3.10 (no real 3.10 needed): it runs `-c` code with
sys.version_info set to 3.10.13, answers `--version`, and fails on anything else (so a Makefile that skipped the
check would fail fast, at `-m venv`, rather than build a venv or reach the network).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import sandbox
from scripts.spec_pin import MAKEFILE, ROOT

FAKE_PYTHON = """#!{python}
import sys

VERSION = {version!r}
sys.version_info = (*VERSION, "final", 0)
match sys.argv[1:]:
    case ["--version"]:
        print("Python " + ".".join(map(str, VERSION)))
    case ["-c", code]:
        exec(compile(code, "<string>", "exec"), {{"__name__": "__main__"}})
    case other:
        sys.exit(f"fake Python {{VERSION}} was asked to run {{other}}")
"""


def fake_python(directory: Path, version: tuple[int, int, int]) -> Path:
    path = directory / f"python{version[0]}.{version[1]}"
    path.write_text(FAKE_PYTHON.format(python=sys.executable, version=version))
    path.chmod(0o755)
    return path


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_help_lists_every_target_once_on_one_line() -> None:
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE.read_text(encoding="utf-8"), re.MULTILINE)
    assert phony is not None
    listed = [line.split()[0] for line in make("help").stdout.splitlines()]
    assert sorted(listed) == sorted(phony.group(1).split())


@pytest.mark.parametrize(("version", "accepted"), [((3, 10, 13), False), ((3, 11, 0), True), ((3, 13, 1), True)])
def test_the_python_check_accepts_3_11_or_newer(version: tuple[int, int, int], accepted: bool, tmp_path: Path) -> None:
    python = fake_python(tmp_path, version)

    checked = make("check-python", f"PYTHON={python}")

    assert (checked.returncode == 0) is accepted, checked.stderr
    if not accepted:
        assert f"{python} is Python 3.10.13, but this project needs Python 3.11 or newer" in checked.stderr
        assert "make PYTHON=/path/to/python3" in checked.stderr


def test_make_demo_on_a_fresh_checkout_with_python_3_10_stops_before_making_the_venv(tmp_path: Path) -> None:
    repo = sandbox.copy_repo(tmp_path / "repo")
    (repo / ".venv").unlink()  # a fresh checkout: no venv yet
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    python = fake_python(tmp_path, (3, 10, 13))

    demo = make("demo", f"PYTHON={python}", cwd=repo)

    assert demo.returncode != 0
    assert "needs Python 3.11 or newer" in demo.stderr, demo.stdout + demo.stderr
    assert "was asked to run" not in demo.stderr  # nothing ran on the old interpreter before the check
    assert not (repo / ".venv").exists()


def test_a_missing_interpreter_is_named(tmp_path: Path) -> None:
    checked = make("check-python", f"PYTHON={tmp_path / 'python3'}")

    assert checked.returncode != 0
    assert "no Python found" in checked.stderr and "Python 3.11 or newer" in checked.stderr
