"""generator-config.yaml (scripts/generator_config.py): the hand-written part is never touched, the computed part
is written whole, in a stable layout the generator and the tools read back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from scripts import generator_config
from scripts.generator_config import CONFIG, MARKER, Computed, computed, render, write_computed
from scripts.generator_view import module_name

VALUES = Computed(
    class_overrides={"ZedResponse200": "ZedOk", "AlphaBody": "AlphaRequest"},
    fallbacks={"text/csv; charset=utf-8": ["POST /a request", "GET /b response 200"], "application/xml": []},
    version="3.1.4",
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / CONFIG.name
    path.write_bytes(CONFIG.read_bytes())
    return path


def hand_written(path: Path) -> str:
    return path.read_text(encoding="utf-8").split(MARKER)[0]


def test_the_computed_part_reads_back_as_written(config: Path) -> None:
    write_computed(VALUES, config)

    assert computed(config) == Computed(VALUES.class_overrides, {key: [] for key in VALUES.fallbacks}, "3.1.4")
    data = generator_config.load(config)
    assert data["class_overrides"]["AlphaBody"] == {"class_name": "AlphaRequest", "module_name": "alpha_request"}
    assert data["content_type_overrides"] == dict.fromkeys(VALUES.fallbacks, "application/octet-stream")
    assert data["package_version_override"] == "3.1.4"  # a string, as the generator wants it


def test_only_the_computed_part_changes_and_writing_twice_changes_nothing(config: Path) -> None:
    before = hand_written(config)

    write_computed(VALUES, config)
    once = config.read_text(encoding="utf-8")
    write_computed(VALUES, config)

    assert hand_written(config) == before
    assert config.read_text(encoding="utf-8") == once
    assert once.count(MARKER) == 1 and once.endswith("\n") and f"\n\n{MARKER}\n" in once


def test_the_layout_is_sorted_and_says_where_each_fallback_is_used() -> None:
    text = render(VALUES)
    lines = text.splitlines()

    assert lines[0] == MARKER
    assert text.index("AlphaBody:") < text.index("ZedResponse200:")
    assert f"    module_name: {module_name('ZedOk')}" in lines
    assert text.index('"application/xml": application/octet-stream\n') < text.index('"text/csv; charset=utf-8"')
    assert '  "text/csv; charset=utf-8": application/octet-stream  # POST /a request; GET /b response 200' in lines
    assert '  "application/xml": application/octet-stream' in lines  # no uses known: no comment
    assert lines[-1] == 'package_version_override: "3.1.4"'


def test_empty_parts_are_written_as_empty_mappings() -> None:
    loaded = yaml.safe_load(render(Computed()))

    assert loaded == {"class_overrides": {}, "content_type_overrides": {}, "package_version_override": "0.0.0"}


def test_a_config_without_a_computed_part_reads_as_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("package_name_override: p\nclass_overrides:\n", encoding="utf-8")

    assert computed(path) == Computed()
    path.write_text("", encoding="utf-8")
    assert generator_config.load(path) == {}
    assert computed(path) == Computed()


def test_setting_the_version_changes_that_line_only(config: Path) -> None:
    write_computed(VALUES, config)
    before = config.read_text(encoding="utf-8")

    generator_config.write_version("4.0.0", config)

    after = config.read_text(encoding="utf-8")
    assert computed(config).version == "4.0.0"
    assert after == before.replace('package_version_override: "3.1.4"', 'package_version_override: "4.0.0"')
    assert "# POST /a request; GET /b response 200" in after  # where each fallback is used stays said


def test_setting_the_version_of_a_config_without_one_writes_the_computed_part(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("package_name_override: p\n", encoding="utf-8")

    generator_config.write_version("1.2.3", path)

    assert computed(path) == Computed(version="1.2.3")
    assert path.read_text(encoding="utf-8").startswith(f"package_name_override: p\n\n{MARKER}\n")
    written = path.read_text(encoding="utf-8")
    path.write_text(written.replace('package_version_override: "1.2.3"\n', ""), encoding="utf-8")
    generator_config.write_version("1.2.4", path)
    assert computed(path).version == "1.2.4" and path.read_text(encoding="utf-8").count(MARKER) == 1


def test_a_version_line_above_the_marker_is_not_the_computed_one(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f'package_version_override: "0.1.0"\n\n{render(Computed(version="1.0.0"))}', encoding="utf-8")

    generator_config.write_version("2.0.0", path)

    assert path.read_text(encoding="utf-8").startswith('package_version_override: "0.1.0"\n')
    assert path.read_text(encoding="utf-8").endswith('package_version_override: "2.0.0"\n')


def test_each_computed_key_is_explained_by_the_comment_above_it() -> None:
    for values in (VALUES, Computed()):
        lines = render(values).splitlines()
        keys = [number for number, line in enumerate(lines) if line and not line.startswith((" ", "#"))]

        assert [lines[number].split(":")[0] for number in keys] == list(yaml.safe_load(render(values)))
        assert all(lines[number - 1].startswith("# ") for number in keys), lines


def test_computed_values_cannot_be_changed_in_place() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        VALUES.version = "9.9.9"  # type: ignore[misc]
