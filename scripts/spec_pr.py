"""`make spec-pr SPEC=<path or URL>`: prepare a spec update as a pull request, as .github/workflows/spec-update.yml
does it and as anyone can do it locally.

    python -m scripts.spec_pr [--out DIR] [--test-command COMMAND] SPEC
    python -m scripts.spec_pr --published-url   # where the pinned spec says it is published

Takes SPEC in exactly as `make update-spec` does (scripts/update_spec.py: validate, re-pin, regenerate, bump the
version by the SDK-level diff, append it to CHANGELOG.md), runs the tests (COMMAND, `make test` by default) and
writes into DIR (.cache/spec-pr by default, emptied first):

    status     one word: unchanged, ready, tests-failed or invalid
    title.txt  the pull request's title: the new SDK version, its bump and the API version (or, when invalid,
               the fixed title of the issue that reports it)
    body.md    its body: the bump and why, the test result, the breaking changes, then the diff report
    tests.log  what the tests printed

The checkout then holds the pull request's commit, uncommitted. A spec identical to openapi.json touches
nothing (status `unchanged`, exit 0). A spec that cannot be taken in (unreadable, not valid OpenAPI 3, refused by
the generator) changes nothing and exits 1, and body.md says why; failing tests leave the update in place and
exit 1, and the body says they failed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin

from scripts import generator_config, update_spec
from scripts.diff.http_surface import Change
from scripts.diff.report import Report
from scripts.generate import OUTPUT
from scripts.oas import ROOT, SPEC_PATH, SpecError, load_spec, read_document, server_url, validated

OUT = ROOT / ".cache" / "spec-pr"
TEST_COMMAND = ("make", "test")
BLOCKED_TITLE = "Spec update blocked: the published spec cannot be taken in"
FAILING_PREFIX = "[tests failing] "
BODY_LIMIT = 60_000  # GitHub refuses a pull request body over 65,536 characters
CUT_NOTE_ROOM = 200  # kept free for the line that says where the rest of a cut report is
BREAKING_SHOWN = 100  # breaking changes the body lists before the diff (which flags them all)
TESTS_SHOWN = 60  # lines of the test output a failing body quotes
WHY = {
    "major": "code written against {old} can break: something it touches was removed, renamed or retyped",
    "minor": "something was added or changed compatibly",
    "patch": "the generated code changed, but neither its HTTP surface nor its Python API did",
    "none": "the generated code is the same: only parts of the spec the SDK does not carry changed",
}


@dataclasses.dataclass(frozen=True)
class Proposal:
    """What a pull request says: its status (one of the words above), title and body."""

    status: str
    title: str = ""
    body: str = ""

    def write(self, out: Path) -> None:
        (out / "status").write_text(self.status + "\n", encoding="utf-8")
        if self.title:
            (out / "title.txt").write_text(self.title + "\n", encoding="utf-8")
            (out / "body.md").write_text(self.body, encoding="utf-8")


def published_url(spec: dict[str, Any]) -> str | None:
    """Where the spec says it is published: its externalDocs URL, resolved against its first server as OpenAPI
    resolves relative URLs; None when it names none."""
    docs = spec.get("externalDocs")
    url = docs.get("url") if isinstance(docs, dict) else None
    if not isinstance(url, str) or not url:
        return None
    return urljoin(server_url(spec), url)


class _Tee(io.StringIO):
    """Keeps what is written and passes it on, so a refusal is both shown and quoted in the body."""

    def __init__(self, passed_to: TextIO) -> None:
        super().__init__()
        self.passed_to = passed_to

    def write(self, text: str) -> int:
        self.passed_to.write(text)
        return super().write(text)


def distribution() -> str:
    """The name the SDK is installed by (generated/pyproject.toml's), which its releases carry."""
    return str(tomllib.loads((OUTPUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"])


def blocked(source: str, why: str) -> Proposal:
    body = (
        f"The spec at `{source}` cannot be taken in, so no pull request was prepared: openapi.json, its pin, "
        "generator-config.yaml and generated/ are unchanged.\n\n"
        f"```text\n{why.strip()}\n```\n\n"
        f"`make spec-pr SPEC={source}` reproduces this locally. Fix the spec (and ask its publisher to), or point "
        "the update at a valid one.\n"
    )
    return Proposal("invalid", BLOCKED_TITLE, body)


def breaking_first(report: Report) -> Report:
    """The report with each half's breaking changes first, in their order, then the rest."""

    def ordered(changes: list[Change]) -> list[Change]:
        return sorted(changes, key=lambda change: not change.breaking)

    return dataclasses.replace(report, http=ordered(report.http), python=ordered(report.python))


def run_tests(command: Sequence[str], log: Path) -> int:
    """The tests, in the checkout: their output shown as it comes and kept in `log`; their exit status."""
    with log.open("w", encoding="utf-8") as kept:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            kept.write(line)
        return process.wait()


def tests_section(command: Sequence[str], status: int, log: Path) -> str:
    shown = shlex.join(command)
    if status == 0:
        return f"Tests: `{shown}` passed on the updated SDK.\n"
    tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-TESTS_SHOWN:])
    return (
        f"**Tests: `{shown}` FAILED (exit {status}) on the updated SDK: do not merge it as it is.** "
        f"The end of its output:\n\n```text\n{tail}\n```\n"
    )


def breaking_section(report: Report, old_version: str) -> str:
    listed = [f"- HTTP `{c.operation}`: {c.kind} {c.detail}".rstrip() for c in report.http if c.breaking]
    listed += [f"- Python `{c.operation}`: {c.kind} {c.detail}".rstrip() for c in report.python if c.breaking]
    if not listed:
        return f"### Breaking changes\n\nNone: code written against {old_version} keeps working.\n"
    shown = listed[:BREAKING_SHOWN]
    if len(listed) > len(shown):
        shown.append(f"- ... and {len(listed) - len(shown)} more, each flagged BREAKING in the diff below")
    return f"### Breaking changes ({len(listed)})\n\n" + "\n".join(shown) + "\n"


def diff_section(report: Report, package: str, fallbacks: str, room: int, version: str) -> str:
    """The diff report as `make diff-spec` prints it (breaking changes first), cut to fit in `room` characters."""
    lines = breaking_first(report).render(package).splitlines()
    head = "### The SDK-level diff (`make diff-spec`)\n\n```text\n"
    tail = f"```\n\n{fallbacks}\n"
    left = room - len(head) - len(tail) - CUT_NOTE_ROOM
    kept: list[str] = []
    for index, line in enumerate(lines):
        left -= len(line) + 1
        if left < 0:
            kept.append(f"... {len(lines) - index} more lines: the whole report is CHANGELOG.md's entry for {version}")
            break
        kept.append(line)
    return head + "\n".join(kept) + "\n" + tail


def proposal(
    source: str, report: Report, old_version: str, version: str, fallbacks: str, tests: str, failed: bool
) -> Proposal:
    package = distribution()
    old_api, new_api = report.api_versions
    total = len(report.changes)
    title = (
        f"{FAILING_PREFIX if failed else ''}{package} {version} ({report.bump}): spec update to API version {new_api}"
    )
    api = f"{old_api} -> {new_api}" if old_api != new_api else f"{new_api} (unchanged)"
    counted = f"{total} change{'' if total == 1 else 's'}, {report.breaking} breaking"
    summary = (
        f"**{package} {old_version} -> {version}** for API version {api}, from `{source}`.\n\n"
        f"**Version bump: {report.bump}** ({counted}): {WHY[report.bump].format(old=old_version)}.\n\n"
        f"{tests}\n{breaking_section(report, old_version)}\n"
    )
    footer = (
        "\nThis commit updates openapi.json and its pin, generator-config.yaml, generated/, the version and "
        f"CHANGELOG.md, as `make spec-pr SPEC={source}` prepares it.\n"
    )
    room = BODY_LIMIT - len(summary) - len(footer)
    body = summary + diff_section(report, update_spec.package_name(), fallbacks, room, version) + footer
    return Proposal("tests-failed" if failed else "ready", title, body)


def prepare(source: str, out: Path = OUT, test_command: Sequence[str] = TEST_COMMAND) -> int:
    """Take the spec at `source` in as a pull request (the module's docstring says what is written); 0 when it is
    ready or the spec is unchanged, 1 when it cannot be taken in or the tests fail."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    try:
        new = validated(read_document(source), source)
    except SpecError as error:
        print(error, file=sys.stderr)
        blocked(source, str(error)).write(out)
        return 1
    if update_spec.canonical(new) == SPEC_PATH.read_text(encoding="utf-8"):
        Proposal("unchanged").write(out)
        print(f"spec-pr: {source} is the pinned spec: nothing to update, nothing changed.")
        return 0
    old_version = generator_config.computed(generator_config.CONFIG).version
    refusal = _Tee(sys.stderr)
    try:
        with contextlib.redirect_stderr(refusal):
            derived, report = update_spec.taken_in(new)
    except SystemExit:  # adopt() put everything back and said why on stderr
        blocked(source, refusal.getvalue()).write(out)
        return 1
    assert report is not None  # only a fresh adoption has no report
    version = update_spec.released(report, update_spec.package_name())
    print(f"spec-pr: {source} taken in as version {version} ({report.bump}); running {shlex.join(test_command)}")
    status = run_tests(test_command, out / "tests.log")
    tests = tests_section(test_command, status, out / "tests.log")
    fallbacks = update_spec.fallback_lines(derived.fallbacks)
    made = proposal(source, report, old_version, version, fallbacks, tests, failed=status != 0)
    made.write(out)
    print(f"spec-pr: {made.status}: {made.title}\nspec-pr: title and body in {out}")
    return 0 if status == 0 else 1


def main(argv: list[str]) -> int:
    if argv == ["--published-url"]:
        url = published_url(load_spec())
        if url is None:
            print(f"{SPEC_PATH.name} names no externalDocs URL: give the spec's location", file=sys.stderr)
            return 1
        print(url)
        return 0
    options = {"--out": str(OUT), "--test-command": shlex.join(TEST_COMMAND)}
    rest = list(argv)
    while len(rest) > 1 and rest[0] in options:
        options[rest[0]] = rest[1]
        rest = rest[2:]
    if len(rest) != 1 or rest[0].startswith("--"):
        print(__doc__, file=sys.stderr)
        return 2
    return prepare(rest[0], Path(options["--out"]), shlex.split(options["--test-command"]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
