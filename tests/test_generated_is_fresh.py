"""generated/ is pure output: it equals a fresh regeneration from the pinned inputs, file for file."""

from pathlib import Path

import pytest

from scripts.generate import OUTPUT, generate_into
from tests.tree_diff import tree_diff

pytestmark = pytest.mark.drift


def test_committed_tree_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    fresh = tmp_path / "generated"
    generate_into(fresh)

    differences = tree_diff(OUTPUT, fresh)

    assert not differences, (
        "generated/ differs from what the pinned spec, generator-config.yaml and templates/ produce. "
        "Never edit generated/ by hand; change the inputs and run `make generate`.\n" + differences
    )
