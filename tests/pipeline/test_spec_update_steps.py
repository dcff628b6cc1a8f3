"""The scripts of spec-update.yml's steps, run here as GitHub runs them (`bash --noprofile --norc -eo pipefail`), on
a throwaway git repository whose `origin` is a local bare one, with `gh` replaced by a script that records what it
is asked and answers as the scenario says: what is pushed, and which pull request or issue is opened, updated or
closed, for each status `make spec-pr` writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import spec_pr
from tools.lint_workflows import WORKFLOWS

WORKFLOW: dict[str, Any] = yaml.safe_load((WORKFLOWS / "spec-update.yml").read_text(encoding="utf-8"))
JOB = WORKFLOW["jobs"]["spec-update"]
BASE = "main"
TITLE = "jetemail-api-client 9.0.0 (major): spec update to API version 2.0.0"

# Stands in for the GitHub CLI: appends its arguments (one JSON list a line) to $GH_LOG and prints the answer the
# scenario gives for `pr list` ($OPEN_PR, a number or nothing) and `issue list` ($OPEN_ISSUES, JSON).
FAKE_GH = """\
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["pr", "list"]:
    print(os.environ.get("OPEN_PR", ""))
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ.get("OPEN_ISSUES", "[]"))
"""


def script(name: str) -> str:
    (step,) = [step for step in JOB["steps"] if step.get("name") == name]
    return str(step["run"])


PULL_REQUEST = script("Open or update the pull request")
ISSUE = script("Open, update or close the issue that says the spec cannot be taken in")


class Checkout:
    """A checkout of the default branch as the job has it after `make spec-pr`, with `origin` beside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.origin = root / "origin.git"
        self.work = root / "work"
        self.tools = root / "bin"
        self.tools.mkdir()
        gh = self.tools / "gh"
        gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
        gh.chmod(0o755)
        self.git("init", "--quiet", "--bare", "--initial-branch", BASE, str(self.origin), cwd=root)
        self.git("clone", "--quiet", str(self.origin), str(self.work), cwd=root)
        (self.work / ".gitignore").write_text("/.cache/\n", encoding="utf-8")
        (self.work / "openapi.json").write_text('{"info": {"version": "1.0.0"}}\n', encoding="utf-8")
        self.git("add", "--all")
        self.git("commit", "--quiet", "--message", "base")
        self.git("push", "--quiet", "origin", BASE)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        identity = ["-c", "user.name=test", "-c", "user.email=test@example.test"]
        done = subprocess.run(
            ["git", *identity, *args], cwd=cwd or self.work, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def prepared(self, status: str, version: str = "2.0.0") -> None:
        """What `make spec-pr` leaves: the updated spec in the checkout, the status, title and body in OUT."""
        (self.work / "openapi.json").write_text(json.dumps({"info": {"version": version}}) + "\n", encoding="utf-8")
        out = self.work / JOB["env"]["OUT"]
        out.mkdir(parents=True, exist_ok=True)
        (out / "status").write_text(status + "\n", encoding="utf-8")
        (out / "title.txt").write_text(TITLE + "\n", encoding="utf-8")
        (out / "body.md").write_text(f"body for {status}\n", encoding="utf-8")

    def run(self, body: str, status: str, **scenario: str) -> list[list[str]]:
        """The step's script, as the job runs it; the `gh` calls it made."""
        runs = len(list(self.root.glob("gh-*.log")))
        log = self.root / f"gh-{runs}.log"
        # Each run commits on a later day, as daily runs do: a commit made again is a new commit, not the same one.
        day = f"2026-01-{runs + 1:02d}T06:23:00+00:00"
        env = {
            **os.environ,
            **JOB["env"],
            "PATH": f"{self.tools}{os.pathsep}{os.environ['PATH']}",
            "GH_LOG": str(log),
            "GH_TOKEN": "not-a-token",
            "BASE": BASE,
            "STATUS": status,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_DATE": day,
            "GIT_COMMITTER_DATE": day,
            **scenario,
        }
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", body]
        done = subprocess.run(command, cwd=self.work, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    def next_run(self) -> None:
        """Back on the base branch as origin has it, as the next scheduled run starts."""
        self.git("checkout", "--quiet", BASE)
        self.git("fetch", "--quiet", "origin")
        self.git("reset", "--quiet", "--hard", f"origin/{BASE}")

    def branch_head(self) -> str:
        return self.git("rev-parse", JOB["env"]["BRANCH"], cwd=self.origin)


@pytest.fixture
def checkout(tmp_path: Path) -> Checkout:
    return Checkout(tmp_path)


def body_file() -> str:
    return f"{JOB['env']['OUT']}/body.md"


def test_a_ready_update_is_pushed_as_one_commit_on_the_base_and_opened_as_a_pull_request(checkout: Checkout) -> None:
    base = checkout.git("rev-parse", "HEAD")
    checkout.prepared("ready")

    calls = checkout.run(PULL_REQUEST, "ready")

    branch = JOB["env"]["BRANCH"]
    assert checkout.git("log", "-1", "--format=%s%n%P", branch, cwd=checkout.origin).splitlines() == [TITLE, base]
    changed = checkout.git("diff", "--name-only", base, branch, cwd=checkout.origin).split()
    assert changed == ["openapi.json"]  # .cache/spec-pr stays out of the commit
    assert calls[0] == ["auth", "setup-git"]
    assert calls[-1] == [
        *("pr", "create", "--base", BASE, "--head", branch),
        *("--title", TITLE, "--body-file", body_file()),
    ]


def opened(checkout: Checkout) -> str:
    """A first run that opened the pull request, then the next run's start; the commit the branch got."""
    checkout.prepared("ready")
    checkout.run(PULL_REQUEST, "ready")
    pushed = checkout.branch_head()
    checkout.next_run()
    return pushed


def test_the_same_spec_on_the_same_base_only_refreshes_the_open_pull_request(checkout: Checkout) -> None:
    pushed = opened(checkout)
    checkout.prepared("ready")

    calls = checkout.run(PULL_REQUEST, "ready", OPEN_PR="7")

    assert checkout.branch_head() == pushed  # not rewritten
    assert calls[-1] == ["pr", "edit", "7", "--title", TITLE, "--body-file", body_file()]


def test_a_new_spec_is_pushed_over_the_open_pull_requests_branch(checkout: Checkout) -> None:
    pushed = opened(checkout)
    checkout.prepared("ready", version="3.0.0")

    calls = checkout.run(PULL_REQUEST, "ready", OPEN_PR="7")

    assert checkout.branch_head() != pushed
    assert '"3.0.0"' in checkout.git("show", f"{JOB['env']['BRANCH']}:openapi.json", cwd=checkout.origin)
    assert calls[-1][:3] == ["pr", "edit", "7"]


def test_the_same_spec_is_pushed_again_once_the_base_moved(checkout: Checkout) -> None:
    opened(checkout)
    (checkout.work / "README.md").write_text("merged meanwhile\n", encoding="utf-8")
    checkout.git("add", "README.md")
    checkout.git("commit", "--quiet", "--message", "merged meanwhile")
    checkout.git("push", "--quiet", "origin", BASE)
    checkout.prepared("ready")

    checkout.run(PULL_REQUEST, "ready", OPEN_PR="7")

    parent = checkout.git("rev-parse", f"{JOB['env']['BRANCH']}^", cwd=checkout.origin)
    assert parent == checkout.git("rev-parse", BASE, cwd=checkout.origin)


def test_failing_tests_open_a_draft(checkout: Checkout) -> None:
    checkout.prepared("tests-failed")

    calls = checkout.run(PULL_REQUEST, "tests-failed")

    assert calls[-1][:3] == ["pr", "create", "--draft"]


def open_issues(*titles: str) -> str:
    return json.dumps([{"number": 40 + index, "title": title} for index, title in enumerate(titles)])


@pytest.mark.parametrize(
    ("status", "issues", "expected"),
    [
        ("invalid", open_issues("something else"), ["issue", "create", "--title", spec_pr.BLOCKED_TITLE]),
        ("invalid", open_issues("something else", spec_pr.BLOCKED_TITLE), ["issue", "edit", "41"]),
        ("ready", open_issues(spec_pr.BLOCKED_TITLE), ["issue", "close", "40"]),
        ("unchanged", open_issues(spec_pr.BLOCKED_TITLE), ["issue", "close", "40"]),
        ("unchanged", open_issues("something else"), None),
    ],
    ids=["invalid, none open", "invalid, one open", "ready again", "unchanged again", "nothing to report"],
)
def test_one_issue_reports_a_spec_that_cannot_be_taken_in(
    checkout: Checkout, status: str, issues: str, expected: list[str] | None
) -> None:
    checkout.prepared(status)

    calls = checkout.run(ISSUE, status, OPEN_ISSUES=issues)

    assert calls[0][:2] == ["issue", "list"]
    if expected is None:
        assert calls[1:] == []
        return
    assert len(calls) == 2 and calls[1][: len(expected)] == expected
    if expected[1] != "close":
        assert calls[1][-2:] == ["--body-file", body_file()]
