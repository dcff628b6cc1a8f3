"""generated/ is pure output: it equals a fresh regeneration from the pinned inputs, file for file."""

from pathlib import Path

import pytest

from scripts.generate import CONFIG, OUTPUT, generate_into
from scripts.oas import load_spec
from tests.support.tree_diff import tree_diff

pytestmark = pytest.mark.drift


def test_committed_tree_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    fresh = tmp_path / "generated"
    generate_into(fresh, load_spec(), CONFIG)

    differences = tree_diff(OUTPUT, fresh)

    assert not differences, (
        "generated/ differs from what the pinned spec, generator-config.yaml and templates/ produce. "
        "Never edit generated/ by hand; change the inputs and run `make generate`.\n" + differences
    )


def test_the_comparison_reports_added_removed_and_changed_files(tmp_path: Path) -> None:
    committed, fresh = tmp_path / "committed", tmp_path / "fresh"
    for tree in (committed, fresh):
        (tree / "pkg").mkdir(parents=True)
        (tree / "pkg" / "same.py").write_text("x = 1\n")
    (committed / "pkg" / "edited.py").write_text("x = 1\n")
    (fresh / "pkg" / "edited.py").write_text("x = 2\n")
    (committed / "pkg" / "stale.py").write_text("")
    (fresh / "pkg" / "new.py").write_text("")

    report = tree_diff(committed, fresh)

    assert "stale): pkg/stale.py" in report
    assert "missing from the committed tree: pkg/new.py" in report
    assert "changed: pkg/edited.py" in report and "-x = 1" in report and "+x = 2" in report
    assert "same.py" not in report
