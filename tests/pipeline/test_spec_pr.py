"""`make spec-pr` (scripts/spec_pr.py): the pull request a spec update becomes, prepared in throwaway copies of the
repo set back to the baseline spec the fixtures change.

An additive spec and a breaking one become a ready commit with a title carrying the new SDK and API versions and a
body that puts the bump, the test result and the breaking changes before the diff report; a spec that cannot be
taken in changes nothing and says why; the pinned spec itself touches nothing. The tests run inside are a stand-in
command (the real `make test` would take minutes): what is checked is that they ran and what their result did.
"""

from __future__ import annotations

import functools
import http.server
import re
import shlex
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts import sandbox, spec_pr
from scripts.diff.http_surface import Change
from scripts.diff.report import Report, bumped
from scripts.oas import ROOT, SpecError, read_document, server_url, validated
from scripts.update_spec import canonical
from tests.pipeline.test_update_spec import pinned_and_canonical, unchanged, version

# The tests that run spec-pr in a copy of the repo carry the update_spec marker; the rest are plain unit tests.
in_a_copy = pytest.mark.update_spec
FIXTURES = ROOT / "tests" / "fixtures"
BASELINE = FIXTURES / "baseline.json"
PASSING = shlex.join(["python", "-c", "print('the stand-in tests ran')"])
FAILING = shlex.join(["python", "-c", "print('1 failed, 9 passed'); raise SystemExit(3)"])
OPERATION = ("DELETE", "/outbound/smarthost")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repo sharing this one's venv, its spec set back to the baseline the fixtures change."""
    copy = sandbox.copy_repo(tmp_path / "repo")
    if (copy / "openapi.json").read_text() != canonical(read_document(str(BASELINE))):
        adopted = sandbox.run(copy, "python", "-m", "scripts.update_spec", "--quiet", str(BASELINE))
        assert adopted.returncode == 0, adopted.stderr
    return copy


class Prepared:
    """One `python -m scripts.spec_pr` in a copy: its exit status, output, and the files it wrote."""

    def __init__(self, repo: Path, spec: str, tests: str = PASSING) -> None:
        self.result = sandbox.run(repo, "python", "-m", "scripts.spec_pr", "--test-command", tests, spec)
        self.out = repo / ".cache" / "spec-pr"

    def read(self, name: str) -> str:
        return (self.out / name).read_text(encoding="utf-8")

    @property
    def status(self) -> str:
        return self.read("status").strip()

    @property
    def title(self) -> str:
        return self.read("title.txt").strip()

    @property
    def body(self) -> str:
        return self.read("body.md")


def statuses(spec: Path) -> set[str]:
    """The statuses the spec documents for the operation the fixtures change."""
    method, path = OPERATION
    return set(read_document(str(spec))["paths"][path][method.lower()]["responses"])


def api_version(spec: Path) -> str:
    return str(read_document(str(spec))["info"]["version"])


def distribution(repo: Path) -> str:
    pyproject = tomllib.loads((repo / "generated" / "pyproject.toml").read_text(encoding="utf-8"))
    return str(pyproject["project"]["name"])


def diff_block(body: str) -> list[str]:
    """The lines of the body's diff report (its one fenced block of text)."""
    match = re.search(r"```text\n(.*?)\n```", body, re.DOTALL)
    assert match, body
    return match.group(1).splitlines()


def halves(lines: list[str]) -> list[list[str]]:
    """The change lines of the report's two halves, HTTP surface then Python API."""
    starts = [index for index, line in enumerate(lines) if line.startswith(("HTTP surface:", "Python API ("))]
    return [lines[starts[0] + 1 : starts[1]], lines[starts[1] + 1 : -1]]


def ready(repo: Path, fixture: Path, bump: str) -> tuple[Prepared, str]:
    """spec-pr on the fixture, which must succeed as a ready pull request with this bump; it and the new version."""
    before = version(repo)
    prepared = Prepared(repo, str(fixture))
    assert prepared.result.returncode == 0, prepared.result.stderr
    new = bumped(before, bump)
    assert prepared.status == "ready" and version(repo) == new
    assert prepared.title == f"{distribution(repo)} {new} ({bump}): spec update to API version {api_version(fixture)}"
    pinned_and_canonical(repo, fixture.name)
    return prepared, new


@in_a_copy
def test_an_additive_spec_is_a_ready_minor_pull_request_with_nothing_breaking(repo: Path) -> None:
    fixture = FIXTURES / "add-429.json"

    prepared, new = ready(repo, fixture, "minor")

    (added,) = statuses(fixture) - statuses(BASELINE)
    body = prepared.body
    assert "**Version bump: minor**" in body and "### Breaking changes\n\nNone" in body
    assert f"for API version {api_version(BASELINE)} -> {api_version(fixture)}, from `{fixture}`" in body
    assert f"{' '.join(OPERATION)}: status added {added}" in body
    assert diff_block(body)[-1].endswith("0 breaking; version bump: minor")
    assert "Tests: `" in body and "passed on the updated SDK" in body
    assert "the stand-in tests ran" in prepared.read("tests.log") and "the stand-in tests ran" in prepared.result.stdout
    assert f"## {new} (" in (repo / "CHANGELOG.md").read_text()


@in_a_copy
def test_a_breaking_spec_is_a_major_pull_request_that_lists_the_breaking_changes_first(repo: Path) -> None:
    fixture = FIXTURES / "remove-status.json"

    prepared, _ = ready(repo, fixture, "major")

    (removed,) = statuses(BASELINE) - statuses(fixture)
    body = prepared.body
    report = diff_block(body)
    flagged = [line for line in report if line.lstrip().startswith("BREAKING")]
    assert f"### Breaking changes ({len(flagged)})" in body
    assert f"- HTTP `{' '.join(OPERATION)}`: status removed {removed}" in body
    assert body.index("**Version bump: major**") < body.index("### Breaking changes") < body.index("```text")
    for half in halves(report):  # each half: its breaking changes, then the rest
        marks = [line.lstrip().startswith("BREAKING") for line in half]
        assert marks == sorted(marks, reverse=True), half
    assert report[-1].endswith(f"{len(flagged)} breaking; version bump: major")


@in_a_copy
@pytest.mark.parametrize(
    "spec",
    [next((FIXTURES / "resend").glob("027-*.yaml")), FIXTURES / "swagger-2.0.json", FIXTURES / "missing.json"],
    ids=["not YAML", "not OpenAPI 3", "not there"],
)
def test_a_spec_that_cannot_be_read_changes_nothing_and_the_body_says_why(repo: Path, spec: Path) -> None:
    before = unchanged(repo)
    with pytest.raises(SpecError) as refused:
        validated(read_document(str(spec)), str(spec))

    prepared = Prepared(repo, str(spec))

    assert prepared.result.returncode == 1
    assert prepared.status == "invalid" and prepared.title == spec_pr.BLOCKED_TITLE
    assert str(refused.value) in prepared.body and str(refused.value) in prepared.result.stderr
    assert unchanged(repo) == before
    assert not (prepared.out / "tests.log").exists()


@in_a_copy
def test_a_spec_the_generator_refuses_changes_nothing_and_the_body_names_the_operation(repo: Path) -> None:
    before = unchanged(repo)

    prepared = Prepared(repo, str(FIXTURES / "generator-refuses.json"))

    assert prepared.result.returncode == 1
    assert prepared.status == "invalid" and "update stopped" in prepared.body
    assert " ".join(OPERATION) in prepared.body
    assert unchanged(repo) == before


@in_a_copy
def test_failing_tests_leave_the_update_in_place_and_the_pull_request_says_so(repo: Path) -> None:
    fixture = FIXTURES / "add-operation.yaml"

    prepared = Prepared(repo, str(fixture), tests=FAILING)

    assert prepared.result.returncode == 1
    assert prepared.status == "tests-failed" and prepared.title.startswith(spec_pr.FAILING_PREFIX)
    assert "FAILED (exit 3)" in prepared.body and "1 failed, 9 passed" in prepared.body
    pinned_and_canonical(repo, fixture.name)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Nothing: the test reads what was served, not the server's log."""


@pytest.fixture
def served(repo: Path) -> Iterator[str]:
    """The copy's own openapi.json, served over loopback: the spec as a URL."""
    handler = functools.partial(Quiet, directory=str(repo))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/openapi.json"
        server.shutdown()


@in_a_copy
@pytest.mark.parametrize("given", ["path", "URL"])
def test_the_pinned_spec_itself_touches_nothing(repo: Path, served: str, given: str) -> None:
    before = unchanged(repo)

    prepared = Prepared(repo, served if given == "URL" else str(repo / "openapi.json"))

    assert prepared.result.returncode == 0, prepared.result.stderr
    assert prepared.status == "unchanged" and "nothing to update" in prepared.result.stdout
    assert sorted(path.name for path in prepared.out.iterdir()) == ["status"]
    assert unchanged(repo) == before and (repo / "CHANGELOG.md").read_text() == (ROOT / "CHANGELOG.md").read_text()


def test_the_published_url_is_the_specs_external_docs_resolved_against_its_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = read_document(str(ROOT / "openapi.json"))
    docs = str(spec["externalDocs"]["url"])

    assert spec_pr.main(["--published-url"]) == 0

    url = capsys.readouterr().out.strip()
    assert url == spec_pr.published_url(spec)
    assert url.endswith(docs) and url.split("/")[2] == server_url(spec).split("/")[2]  # the server's host
    absolute = {**spec, "externalDocs": {"url": "https://docs.example.test/spec.yaml"}}
    assert spec_pr.published_url(absolute) == "https://docs.example.test/spec.yaml"
    assert spec_pr.published_url({key: value for key, value in spec.items() if key != "externalDocs"}) is None


def test_the_command_prints_its_usage_without_one_spec(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["--out"], ["a.json", "b.json"], ["--fresh", "a.json"]):
        assert spec_pr.main(argv) == 2
        assert "python -m scripts.spec_pr" in capsys.readouterr().err


def many_changes(count: int) -> Report:
    changes = [Change(f"GET /things/{index}", "operation removed", "", index % 2 == 0) for index in range(count)]
    return Report(http=changes, python=[], code_changed=True, api_versions=("1", "2"))


def test_a_body_too_long_for_a_pull_request_is_cut_with_a_pointer_to_the_changelog() -> None:
    report = many_changes(5000)

    made = spec_pr.proposal("new.json", report, "1.0.0", "2.0.0", "", "Tests: passed.\n", failed=False)

    assert len(made.body) <= spec_pr.BODY_LIMIT
    assert "more lines: the whole report is CHANGELOG.md's entry for 2.0.0" in made.body
    assert made.body.rstrip().endswith("prepares it.")


def test_breaking_first_keeps_each_halfs_order_otherwise() -> None:
    report = many_changes(6)

    ordered = spec_pr.breaking_first(report).http

    assert [change.operation for change in ordered] == [
        *(change.operation for change in report.http if change.breaking),
        *(change.operation for change in report.http if not change.breaking),
    ]
