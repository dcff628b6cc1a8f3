"""`make lint-workflows`: actionlint and zizmor on the GitHub workflows, offline; any finding fails.

    python -m tools.lint_workflows [FOLDER]   # .github/workflows by default

actionlint checks syntax, expressions and the shell of each `run:` (with the pinned shellcheck); zizmor checks
security (unpinned actions, template injection, dangerous triggers, broad permissions, credentials left in a
checkout, cache poisoning) under its most thorough persona, `auditor`, and `--offline`: no audit that asks GitHub
runs, so the result depends on the files alone. Both come from requirements-dev.txt.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from scripts.spec_pin import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def commands(folder: Path = WORKFLOWS) -> list[list[str]]:
    """The two linters' command lines for the workflows in `folder`, with the venv's binaries."""
    tools = Path(sys.executable).parent
    workflows = sorted(str(path) for path in folder.iterdir() if path.suffix in (".yml", ".yaml"))
    return [
        [str(tools / "actionlint"), "-no-color", f"-shellcheck={tools / 'shellcheck'}", *workflows],
        [str(tools / "zizmor"), "--offline", "--no-progress", "--persona=auditor", str(folder)],
    ]


def lint(folder: Path = WORKFLOWS) -> int:
    """Run both linters (each prints its findings); 1 when either found anything."""
    statuses = []
    for command in commands(folder):
        print(f"$ {shlex.join(command)}", flush=True)
        statuses.append(subprocess.run(command, check=False).returncode)
    return 1 if any(statuses) else 0


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    return lint(Path(argv[0]) if argv else WORKFLOWS)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
