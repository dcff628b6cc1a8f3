"""Each pipeline command as `make` runs it (`python -m scripts.<name>`): its exit status says what happened, 2 for a
usage error, 1 for a check that failed, and the message goes to stderr. The commands run side by side, in a copy of
the repo whose spec and generated code changed by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import generator_config, sandbox

PACKAGE = str(generator_config.load()["package_name_override"])
# (arguments, exit status, what stderr says)
COMMANDS = [
    (["scripts.spec_pin"], 2, "python -m scripts.spec_pin check"),
    (["scripts.spec_pin", "check"], 1, "does not match the spec pin"),
    (["scripts.generate"], 1, "does not match the spec pin"),
    (["scripts.generate", "--froce"], 2, "usage: python -m scripts.generate [--force]"),
    (["scripts.version_policy", "check"], 1, "Run `make version`"),
    (["scripts.version_policy", "bump"], 2, "python -m scripts.version_policy check"),
    (["scripts.update_spec"], 2, "python -m scripts.update_spec [--quiet | --fresh | --diff-only] SPEC"),
    (["scripts.check_spec"], 2, "python -m scripts.check_spec SPEC"),
    (["scripts.check_spec", "gone.json"], 1, "gone.json: cannot be read"),
    (["scripts.diff_spec", "old.json"], 2, "python -m scripts.diff_spec OLD NEW [NEWER ...]"),
    (["scripts.diff_spec", "old.json", "new.json"], 1, "old.json: cannot be read"),
    (["scripts.diff.http_surface"], 2, "python -m scripts.diff.http_surface OLD NEW"),
    (["scripts.spec_pr"], 2, "python -m scripts.spec_pr [--out DIR] [--test-command COMMAND] SPEC"),
    (["scripts.spec_pr", "gone.json"], 1, "gone.json: cannot be read"),
    (["scripts.release_notes"], 2, "python -m scripts.release_notes TAG"),
    (["scripts.release_notes", "v0.0.0"], 1, "does not name the version generated/ carries"),
    (["tools.lint_workflows", "a", "b"], 2, "python -m tools.lint_workflows [FOLDER]"),
]


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every command, run at once in a copy whose openapi.json and generated/ no longer match their pins."""
    repo = sandbox.copy_repo(tmp_path_factory.mktemp("commands") / "repo")
    with (repo / "openapi.json").open("a", encoding="utf-8") as spec:
        spec.write("\n")
    with (repo / "generated" / PACKAGE / "client.py").open("a", encoding="utf-8") as client:
        client.write("# edited by hand\n")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    running = {
        " ".join(args): subprocess.Popen(
            [sys.executable, "-m", *args], cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args, _, _ in COMMANDS
    }
    finished = {}
    for name, process in running.items():
        out, err = process.communicate()
        finished[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return finished


@pytest.mark.parametrize(("args", "status", "said"), COMMANDS, ids=[" ".join(args) for args, _, _ in COMMANDS])
def test_a_command_exits_with_its_status_saying_why(
    finished: dict[str, subprocess.CompletedProcess[str]], args: list[str], status: int, said: str
) -> None:
    result = finished[" ".join(args)]

    assert result.returncode == status, result.stderr
    assert said in result.stderr
    assert result.stdout == ""
