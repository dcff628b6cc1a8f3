"""Regeneration (scripts/generate.py) around the generator: the fingerprint that skips unchanged work, the swap
that leaves no stale file, the spec values the templates render, and a generator failure named. The drift test
runs the generator itself."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scripts import generate, generator_config, generator_input, generator_view, oas, resources
from scripts.spec_pin import ROOT


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_tree_files_are_the_output_without_tool_caches(tmp_path: Path) -> None:
    write(tmp_path, {"b.py": "", "a/c.py": "", "a/__pycache__/c.pyc": "", ".ruff_cache/x": "", "a/.mypy_cache/y": ""})

    assert generate.tree_files(tmp_path) == [tmp_path / "a" / "c.py", tmp_path / "b.py"]
    assert generate.tree_files(tmp_path / "missing") == []
    assert generate.tree_files(tmp_path / "b.py") == []


def test_the_digest_covers_names_and_contents_and_masks_what_it_is_told(tmp_path: Path) -> None:
    one = write(tmp_path / "one", {"p/v.py": 'version = "1.2.3"\n', "p/x.py": "x = 1\n"})
    two = write(tmp_path / "two", {"p/v.py": 'version = "1.2.4"\n', "p/x.py": "x = 1\n"})

    def of(root: Path, mask: bytes = b"") -> str:
        return generate.digest(generate.tree_files(root), root, mask)

    assert of(one) != of(two)
    assert of(one, b"1.2.3") == of(two, b"1.2.4")
    assert of(one, b"1.2.3") != of(one)
    renamed = write(tmp_path / "renamed", {"p/w.py": 'version = "1.2.3"\n', "p/x.py": "x = 1\n"})
    assert of(renamed) != of(one)
    assert generate.digest([one / "p" / "x.py"], one) != generate.digest([one / "p" / "x.py"], one / "p")


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """generate.py pointed at a small checkout of its own: inputs, templates, output and fingerprint."""
    root = write(tmp_path, {"spec.json": "{}", "templates/t.jinja": "t", "generated/pkg/a.py": "a = 1\n"})
    monkeypatch.setattr(generate, "INPUT_FILES", (root / "spec.json",))
    monkeypatch.setattr(generate, "TEMPLATES", root / "templates")
    monkeypatch.setattr(generate, "OUTPUT", root / "generated")
    monkeypatch.setattr(generate, "FINGERPRINT", root / ".cache" / "pipeline" / "generate.fingerprint")
    monkeypatch.setattr(generate, "ROOT", root)
    monkeypatch.setattr(generate, "pin_mismatch", lambda: None)
    return root


def test_the_fingerprint_changes_with_any_input_template_or_output_file(checkout: Path) -> None:
    seen = {generate.fingerprint()}
    for name in ("spec.json", "templates/t.jinja", "generated/pkg/a.py", "templates/new.jinja", "generated/b.py"):
        write(checkout, {name: "changed"})
        seen.add(generate.fingerprint())
    assert len(seen) == 6

    write(checkout, {"generated/pkg/__pycache__/a.pyc": "cache"})
    assert generate.fingerprint() in seen


def generator(runs: list[Path], files: dict[str, str]) -> Any:
    """A stand-in for the generator: writes `files` into a destination that must not exist yet."""

    def generate_into(destination: Path, spec: dict[str, Any], config: Path) -> None:
        assert not destination.exists()
        assert (spec, config) == (oas.load_spec(), generate.CONFIG)
        runs.append(destination)
        write(destination, files)

    return generate_into


def test_regenerating_swaps_the_output_whole_so_no_stale_file_survives(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[Path] = []
    monkeypatch.setattr(generate, "generate_into", generator(runs, {"pkg/b.py": "b = 1\n"}))

    generate.regenerate(oas.load_spec(), generate.CONFIG)

    assert [p.relative_to(checkout / "generated").as_posix() for p in generate.tree_files(checkout / "generated")] == [
        "pkg/b.py"
    ]
    assert len(runs) == 1 and not runs[0].exists()  # built in a scratch folder, then moved
    assert list((checkout / ".cache" / "pipeline").iterdir()) == []  # the scratch folder and old output are gone


def test_regenerating_without_an_output_yet(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generate, "generate_into", generator([], {"pkg/b.py": "b = 1\n"}))
    for path in sorted((checkout / "generated").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (checkout / "generated").rmdir()

    generate.regenerate(oas.load_spec(), generate.CONFIG)

    assert (checkout / "generated" / "pkg" / "b.py").read_text() == "b = 1\n"


def test_main_regenerates_records_the_fingerprint_then_skips_until_something_changes(
    checkout: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runs: list[Path] = []
    monkeypatch.setattr(generate, "generate_into", generator(runs, {"pkg/a.py": "a = 2\n", "pkg/b.py": ""}))

    assert generate.main([]) == 0
    assert capsys.readouterr().out == "regenerated generated/ (2 files)\n"
    assert generate.FINGERPRINT.read_text() == generate.fingerprint()

    assert generate.main([]) == 0
    assert "generated/ is up to date" in capsys.readouterr().out
    assert len(runs) == 1

    assert generate.main(["--force"]) == 0
    assert len(runs) == 2

    write(checkout, {"spec.json": '{"changed": true}'})
    assert generate.main([]) == 0
    assert len(runs) == 3 and capsys.readouterr().out.endswith("(2 files)\n")


def test_main_stops_on_a_spec_that_does_not_match_its_pin(
    checkout: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "pin_mismatch", lambda: "openapi.json does not match the spec pin")
    monkeypatch.setattr(generate, "generate_into", lambda *arguments: pytest.fail("generated"))

    assert generate.main(["--force"]) == 1
    assert capsys.readouterr().err == "openapi.json does not match the spec pin\n"
    assert not generate.FINGERPRINT.exists()


def test_the_inputs_are_what_can_change_the_output() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in generate.INPUT_FILES}
    assert {"openapi.json", "generator-config.yaml", "requirements-dev.txt", "scripts/generate.py"} <= names
    assert {"scripts/generator_input.py", "scripts/generator_view.py", "scripts/resources.py"} <= names


def test_the_generator_reads_the_spec_as_generator_input_prepares_it() -> None:
    overrides = generator_config.load().get("content_type_overrides") or {}
    document = generate.generator_document(oas.load_spec(), generate.CONFIG)
    assert json.loads(document) == generator_input.prepared(oas.load_spec(), overrides)


NESTED = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "servers": [{"url": "https://{region}.example.test/v2", "variables": {"region": {"default": "eu"}}}],
    "paths": {
        "/domains": {"get": {"operationId": "listDomains", "responses": {"204": {"description": "ok"}}}},
        "/domains/{domain_id}/verify": {
            "parameters": [{"name": "domain_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"operationId": "verifyDomain", "responses": {"204": {"description": "ok"}}},
        },
        "/emails/attachments": {"get": {"operationId": "listAttachments", "responses": {"204": {"description": "ok"}}}},
    },
}


def test_the_templates_get_the_server_and_the_resource_layout() -> None:
    template = generate.spec_values_template(NESTED, generate.CONFIG)

    values = dict(re.findall(r"\{% set (\w+) = (.*) %\}", template))
    assert json.loads(values["server_url"]) == "https://eu.example.test/v2"
    view = generator_view.view(NESTED, generator_view.config_file(generate.CONFIG), Path("openapi.json"))
    placements = {p.key: p for p in resources.layout(view)}
    layout = json.loads(values["resources"])
    assert [entry["chain"] for entry in layout] == [[], ["domains"], ["emails"], ["emails", "attachments"]]
    by_chain = {tuple(entry["chain"]): entry for entry in layout}
    assert by_chain[()]["children"] == ["domains", "emails"] and by_chain[()]["operations"] == {}
    assert by_chain[("emails",)]["children"] == ["attachments"]
    assert by_chain[("domains",)]["children"] == []
    operations = {key: value for entry in layout for key, value in entry["operations"].items()}
    assert operations == {key: {"method": p.method, "flat_body": p.flat_body} for key, p in placements.items()}
    assert {p.chain for p in placements.values()} == {("domains",), ("emails", "attachments")}
    assert [key for key, p in placements.items() if p.chain == ("domains",)] == list(
        by_chain[("domains",)]["operations"]
    )


def test_a_generator_failure_is_named_with_its_output(tmp_path: Path) -> None:
    document = tmp_path / "openapi.json"
    document.write_text('{"openapi": "3.0.3"}', encoding="utf-8")

    with pytest.raises(SystemExit, match=r"^openapi-python-client failed \(exit [1-9]\d*\):\n") as raised:
        generate._run_generator(tmp_path / "out", document, generate.CONFIG, templates=None)

    assert "info\n  Field required" in str(raised.value)  # the generator's own words: the document lacks info
    assert not (tmp_path / "out").exists()
