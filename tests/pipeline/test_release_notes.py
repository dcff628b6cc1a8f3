"""The release notes (scripts/release_notes.py): a tag's CHANGELOG.md section, whole and nothing more, and a tag
that does not name the version generated/ carries, or a version nobody described, stopping the release."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import release_notes
from scripts.oas import ROOT
from scripts.version_policy import built_version

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
VERSIONS = re.findall(r"^## (\d+\.\d+\.\d+)", CHANGELOG, re.MULTILINE)


@pytest.mark.parametrize("version", VERSIONS)
def test_each_versions_section_runs_from_its_heading_to_the_next(version: str) -> None:
    found = release_notes.section(CHANGELOG, version)

    assert found is not None and found.strip()
    heading = re.search(rf"^## {re.escape(version)}\b.*$", CHANGELOG, re.MULTILINE)
    assert heading is not None
    following = CHANGELOG[heading.end() :]
    assert following.strip().startswith(found.strip())
    rest = following.strip()[len(found.strip()) :]
    assert rest == "" or rest.lstrip().startswith("## ")


def test_a_spec_update_entry_is_carried_with_its_fenced_report(tmp_path: Path) -> None:
    entry = "```\nHTTP surface:\n  BREAKING  DELETE /things: operation removed\n1 change, 1 breaking\n```\n"
    text = f"# Changelog\n\n## 1.0.0 (2026-01-01)\n\n- first\n\n## 2.0.0 (2026-01-02)\n\n{entry}"

    assert release_notes.section(text, "2.0.0") == entry
    assert release_notes.section(text, "1.0.0") == "- first\n"
    assert release_notes.section(text, "1.0") is None


def test_the_tag_of_the_built_version_gives_its_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    version = built_version()
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(f"# Changelog\n\n## {version} (2026-12-04)\n\n- described\n\n## 0.0.1\n\n- older\n")
    monkeypatch.setattr(release_notes, "CHANGELOG", changelog)

    assert release_notes.main([f"v{version}"]) == 0

    assert capsys.readouterr().out == "- described\n"


def test_a_tag_that_is_not_the_built_version_stops_the_release() -> None:
    version = built_version()

    for tag in (version, f"v{version}.1", "v0.0.0"):
        with pytest.raises(SystemExit, match=f"does not name the version generated/ carries \\({version}\\)"):
            release_notes.notes(tag)


def test_a_version_the_changelog_does_not_describe_stops_the_release(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## 0.0.1 (2026-01-01)\n\n- something else\n", encoding="utf-8")

    with pytest.raises(SystemExit, match=f"no section '## {re.escape(built_version())}'"):
        release_notes.notes(f"v{built_version()}", changelog)
