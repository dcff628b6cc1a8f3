"""The GitHub workflows (.github/workflows/): actionlint and zizmor find nothing in them and do find the mistakes
they are there to catch, and the workflows keep the rules docs/automation.md states: no permission by default and
each job's own, every action pinned by commit, credentials not left in a checkout, no `${{ }}` in a script, and
each workflow running the command it is for."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import yaml

from scripts import spec_pr
from scripts.generate import OUTPUT
from tools.lint_workflows import WORKFLOWS, commands

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")  # owner/repo@<sha> # vX.Y.Z


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def workflows() -> dict[str, dict[str, Any]]:
    # PyYAML reads the key `on` as True (YAML 1.1): it is read back under its name.
    loaded = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}
    return {name: {("on" if key is True else key): value for key, value in doc.items()} for name, doc in loaded.items()}


def steps() -> list[tuple[str, str, dict[str, Any]]]:
    """(workflow, job, step) for every step of every workflow."""
    return [
        (name, job_name, step)
        for name, workflow in workflows().items()
        for job_name, job in workflow["jobs"].items()
        for step in job["steps"]
    ]


def test_actionlint_and_zizmor_find_nothing_in_the_workflows() -> None:
    actionlint, zizmor = (run(command) for command in commands())

    assert actionlint.returncode == 0, actionlint.stdout + actionlint.stderr
    assert actionlint.stdout == ""
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    assert "No findings to report" in zizmor.stdout
    assert sorted(workflows()) == ["ci.yml", "release.yml", "spec-update.yml"]


BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo $HOME/${{ matrix.missing }}
"""


def test_a_workflow_with_the_usual_mistakes_is_flagged_by_both(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")

    actionlint, zizmor = (run(command) for command in commands(folder))

    assert actionlint.returncode != 0
    assert "[expression]" in actionlint.stdout  # ${{ matrix.missing }}: there is no matrix
    assert "[shellcheck]" in actionlint.stdout  # $HOME unquoted: the pinned shellcheck is used
    assert zizmor.returncode != 0
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers", "artipacked", "excessive-permissions"):
        assert f"[{audit}]" in zizmor.stdout, audit


def test_no_job_has_a_permission_it_does_not_name() -> None:
    for name, workflow in workflows().items():
        assert workflow["permissions"] == {}, name
        for job_name, job in workflow["jobs"].items():
            assert isinstance(job.get("permissions"), dict), f"{name}: {job_name} names no permissions"
            assert "write-all" not in str(job["permissions"]), f"{name}: {job_name}"


def test_every_action_is_pinned_by_commit_with_its_version_beside() -> None:
    texts = [path.read_text(encoding="utf-8") for path in WORKFLOWS.glob("*.yml")]
    lines = [found for text in texts for found in re.findall(r"uses: (.+)$", text, re.MULTILINE)]

    assert len(lines) == sum("uses" in step for _, _, step in steps()) > 0  # every step that uses an action
    assert [line for line in lines if not PINNED.match(line)] == []
    pins: dict[str, set[str]] = {}
    for line in lines:
        pins.setdefault(line.split("@")[0], set()).add(line)
    assert {action: found for action, found in pins.items() if len(found) > 1} == {}, "one action, two pins"


def test_checkouts_keep_no_credentials_and_scripts_take_values_through_the_environment() -> None:
    for name, job, step in steps():
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, f"{name}: {job}"
        assert "${{" not in str(step.get("run", "")), f"{name}: {job}: {step.get('name')}"
    assert all("pull_request_target" not in workflow["on"] for workflow in workflows().values())


def test_ci_runs_the_ci_script_on_every_python_the_package_claims_and_make_bounds() -> None:
    classifiers = tomllib.loads((OUTPUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["classifiers"]
    claimed = [
        c.rsplit(" :: ", 1)[1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    ci = workflows()["ci.yml"]

    assert set(ci["on"]) == {"push", "pull_request"}
    assert ci["jobs"]["test"]["strategy"]["matrix"]["python"] == claimed
    runs = [str(step.get("run")) for _, job, step in steps() if job in ("test", "bounds")]
    assert ".ci/run" in runs and "make bounds" in runs
    for job in ("test", "bounds"):
        (cache,) = [step for step in ci["jobs"][job]["steps"] if str(step.get("uses", "")).startswith("actions/cache@")]
        assert cache["with"]["path"].split() == [".venv", ".cache/floor-wheels"]
        assert "hashFiles('requirements-dev.txt')" in cache["with"]["key"]
        assert "python-version" in cache["with"]["key"]


def test_the_spec_update_runs_make_spec_pr_and_acts_on_each_status_it_writes() -> None:
    update = workflows()["spec-update.yml"]
    text = (WORKFLOWS / "spec-update.yml").read_text(encoding="utf-8")

    assert set(update["on"]) == {"schedule", "workflow_dispatch"}
    assert 'make spec-pr SPEC="$spec"' in text and "vars.JETEMAIL_SPEC_URL" in text and "--published-url" in text
    env = update["jobs"]["spec-update"]["env"]
    assert env["OUT"] == str(spec_pr.OUT.relative_to(OUTPUT.parent)) and env["BLOCKED_TITLE"] == spec_pr.BLOCKED_TITLE
    statuses = set(re.findall(r"steps\.prepare\.outputs\.status == '([a-z-]+)'", text))
    statuses |= set(re.findall(r'"\$STATUS" = ([a-z-]+)', text))
    assert statuses == {"ready", "tests-failed", "invalid"}  # and `unchanged` only closes a stale issue


def test_the_release_publishes_by_trusted_publishing_only() -> None:
    release = workflows()["release.yml"]
    jobs = release["jobs"]

    assert list(release["on"]["push"]) == ["tags"]
    assert [name for name, job in jobs.items() if "id-token" in job["permissions"]] == ["publish"]
    (publish,) = [step for step in jobs["publish"]["steps"] if "gh-action-pypi-publish" in str(step.get("uses"))]
    assert "with" not in publish  # no password, no token: the OIDC exchange
    assert "scripts.release_notes" in str(jobs["build"]["steps"])
