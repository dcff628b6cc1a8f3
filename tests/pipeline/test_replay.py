"""A real spec history as the yardstick: diff-spec walks consecutive versions of Resend's public spec
(tests/fixtures/resend), and its classification must agree with what each commit's subject says."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from scripts import sandbox
from scripts.oas import ROOT
from tests.support.profiles import STRICT

pytestmark = pytest.mark.update_spec
RESEND = ROOT / "tests" / "fixtures" / "resend"
CHAIN = [f"{n:03d}" for n in range(8, 18)] if STRICT else [f"{n:03d}" for n in range(13, 18)]
# What a commit subject promises for the SDK; a subject that promises nothing is checked by its diff alone.
PROMISES = (
    (re.compile(r"\bremov", re.IGNORECASE), "major"),
    (re.compile(r"\bbump version\b", re.IGNORECASE), "patch"),
    (re.compile(r"\badd\b.*\bexamples?\b", re.IGNORECASE), "patch"),
    (re.compile(r"\badd\b.*\b(endpoints?|operations?|specification|spec|props?|fields?)\b", re.IGNORECASE), "minor"),
)
SUMMARY = re.compile(r"^(\d+) changes?, (\d+) breaking; version bump: (major|minor|patch|none)$", re.MULTILINE)


def versions() -> dict[str, tuple[Path, str]]:
    """Each vendored version's number -> (file, commit subject)."""
    with (RESEND / "index.tsv").open(encoding="utf-8") as index:
        return {
            row["file"][:3]: (RESEND / row["file"], row["subject"]) for row in csv.DictReader(index, delimiter="\t")
        }


def promise(subject: str) -> str | None:
    return next((level for pattern, level in PROMISES if pattern.search(subject)), None)


def test_the_diff_of_each_step_agrees_with_its_commit_subject() -> None:
    known = versions()
    files = [str(known[number][0]) for number in CHAIN]

    walked = sandbox.run(ROOT, "python", "-m", "scripts.diff_spec", *files)

    assert walked.returncode == 0, walked.stderr
    summaries = SUMMARY.findall(walked.stdout)
    assert len(summaries) == len(CHAIN) - 1, walked.stdout
    disagreements = []
    for number, (_, _, bump) in zip(CHAIN[1:], summaries, strict=True):
        subject = known[number][1]
        expected = promise(subject)
        if expected is not None and bump != expected:
            disagreements.append(f"{number} {subject!r}: {bump}, the subject promises {expected}")
    assert not disagreements, "\n".join(disagreements) + "\n\n" + walked.stdout
    assert any(promise(known[number][1]) for number in CHAIN[1:])  # the chain does test promises
