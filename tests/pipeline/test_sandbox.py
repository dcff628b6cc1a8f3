"""Throwaway copies of the repo (scripts/sandbox.py): what is copied, with git and without, the shared venv, and
commands run inside a copy with the venv's tools first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts import sandbox
from scripts.spec_pin import ROOT


def write(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_in_git_the_files_are_the_tracked_and_the_new_ones_not_ignored(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, ".gitignore", "tracked.py", "gone.py", "sub/new.py", "ignored.log", "dist/wheel", "ünï code.py")
    (tmp_path / ".gitignore").write_text("*.log\ndist/\n", encoding="utf-8")
    git(tmp_path, "add", ".gitignore", "tracked.py", "gone.py")
    (tmp_path / "gone.py").unlink()  # still in the index, no longer a file

    assert sorted(sandbox.repo_files(tmp_path)) == sorted(
        Path(name) for name in (".gitignore", "tracked.py", "sub/new.py", "ünï code.py")
    )


def test_without_git_everything_but_caches_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "not-a-repo"
    write(root, "a.py", "sub/b.py", ".cache/x", "sub/__pycache__/b.pyc", ".venv/bin/python", "dist/w", ".git/HEAD")

    assert sorted(sandbox.repo_files(root)) == [Path("a.py"), Path("sub/b.py")]


def test_a_copy_holds_the_files_and_shares_the_venv(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root, "a.py", "sub/b.py", ".cache/x")
    (root / ".venv").mkdir()

    copy = sandbox.copy_repo(tmp_path / "copies" / "copy", root)  # its parents are made too

    assert copy == tmp_path / "copies" / "copy"
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()) == ["a.py", "sub/b.py"]
    assert (copy / "sub" / "b.py").read_text(encoding="utf-8") == "sub/b.py"
    assert (copy / ".venv").is_symlink() and (copy / ".venv").resolve() == (root / ".venv").resolve()
    with pytest.raises(FileExistsError):
        sandbox.copy_repo(copy, root)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileExistsError):  # never merged into a directory already there, even an empty one
        sandbox.copy_repo(tmp_path / "empty", root)


def test_a_copy_of_this_repo_runs_its_python_with_the_venv_tools_first(tmp_path: Path) -> None:
    copy = sandbox.copy_repo(tmp_path / "repo")
    assert (copy / "openapi.json").read_bytes() == (ROOT / "openapi.json").read_bytes()

    probe = (
        "import os, sys; print(sys.executable); print(os.getcwd()); print(os.environ['PATH']); print(os.environ['X'])"
    )
    result = sandbox.run(copy, "python", "-c", probe, env={"X": "given"})

    executable, cwd, path, given = result.stdout.splitlines()
    assert (executable, Path(cwd), given) == (sys.executable, copy, "given")
    assert path.split(":")[0] == str(Path(sys.executable).parent)


def test_a_tool_is_the_venv_s_and_a_failure_is_named_when_asked(tmp_path: Path) -> None:
    result = sandbox.run(tmp_path, "ruff", "--version")
    assert result.returncode == 0 and result.stdout.startswith("ruff ")
    assert sandbox.run(tmp_path, "ruff", "--version", check=True).stdout == result.stdout  # success passes a check

    failed = sandbox.run(tmp_path, "python", "-c", "import sys; print('out'); sys.exit(3)")
    assert failed.returncode == 3
    with pytest.raises(SystemExit, match=r"(?s)^python -c .* failed in .*:\nout\n$"):
        sandbox.run(tmp_path, "python", "-c", "import sys; print('out'); sys.exit(3)", check=True)


def test_ruff_keeps_its_cache_in_the_copy(tmp_path: Path) -> None:
    result = sandbox.run(tmp_path, "python", "-c", "import os; print(os.environ['RUFF_CACHE_DIR'])")
    assert result.stdout.strip() == str(tmp_path / ".cache" / "ruff")
