"""check-spec and diff-spec try specs without touching the checkout: openapi.json, the Makefile's pins,
generator-config.yaml and generated/ are byte for byte as they were. Only update-spec (and `make pin`, and the
version policy's record) write them."""

from __future__ import annotations

import pytest

from scripts import check_spec, diff_spec, generate
from scripts.oas import ROOT

pytestmark = pytest.mark.update_spec
FIXTURES = ROOT / "tests" / "fixtures"
WRITTEN_BY_UPDATES = ("openapi.json", "Makefile", "generator-config.yaml")


def checkout() -> dict[str, bytes | str]:
    """The files an update writes, and generated/ as one digest."""
    files: dict[str, bytes | str] = {name: (ROOT / name).read_bytes() for name in WRITTEN_BY_UPDATES}
    generated = ROOT / "generated"
    return files | {"generated/": generate.digest(generate.tree_files(generated), generated)}


def test_diff_spec_leaves_the_checkout_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    before = checkout()

    assert diff_spec.main([str(FIXTURES / "add-429.json"), str(FIXTURES / "remove-status.json")]) == 0

    assert "version bump: " in capsys.readouterr().out
    assert checkout() == before


def test_check_spec_leaves_the_checkout_as_it_was(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # generating is the step that writes a spec, its pin and its config (in the copy); the checks after it read
    every_step = check_spec.steps
    monkeypatch.setattr(check_spec, "steps", lambda package, spec: every_step(package, spec)[:1])
    before = checkout()

    assert check_spec.check(str(FIXTURES / "add-429.json")) == 0

    assert capsys.readouterr().out.splitlines()[0].startswith("ok   generate")
    assert checkout() == before
