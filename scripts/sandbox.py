"""Throwaway copies of the repo, where check-spec and the tests try specs without touching the checkout.

A copy holds the repo's own files (what git tracks, plus new files not ignored; without git, everything but
caches and builds) and shares this checkout's .venv through a symlink, so it costs a few milliseconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.spec_pin import ROOT

NOT_COPIED = (".git", ".venv", ".cache", "dist", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache")


def repo_files(root: Path = ROOT) -> list[Path]:
    """The repo's files, relative to root."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        return [Path(name) for name in listed.stdout.decode().split("\0") if name and (root / name).is_file()]
    return [
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file() and not set(path.relative_to(root).parts) & set(NOT_COPIED)
    ]


def copy_repo(destination: Path, root: Path = ROOT) -> Path:
    """A copy of the repo at `destination` (which must not exist), sharing root's .venv."""
    destination.mkdir(parents=True)
    for relative in repo_files(root):
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    (destination / ".venv").symlink_to((root / ".venv").resolve())
    return destination


def run(
    root: Path, *command: str, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A command in the copy at `root`, with the venv's tools first on PATH; `python` is the venv's."""
    tools = Path(sys.executable).parent
    env = {
        **os.environ,
        **(env or {}),
        "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUFF_CACHE_DIR": str(root / ".cache" / "ruff"),
    }
    argv = [sys.executable, *command[1:]] if command[0] == "python" else [str(tools / command[0]), *command[1:]]
    result = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {root}:\n{result.stdout}{result.stderr}")
    return result
