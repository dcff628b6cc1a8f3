"""The spec pin (scripts/spec_pin.py) on a copy of the Makefile: checked, refused with a message naming the pin,
written by `make pin`, and the command line the version pin shares."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from scripts import spec_pin
from scripts.spec_pin import MAKEFILE, PIN_LINE, SPEC, pin_command, pin_mismatch, pinned_sha256, rewrite_line, write_pin


@pytest.fixture
def pinned(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of openapi.json and of the Makefile that pins it."""
    spec, makefile = tmp_path / SPEC.name, tmp_path / MAKEFILE.name
    spec.write_bytes(SPEC.read_bytes())
    makefile.write_bytes(MAKEFILE.read_bytes())
    return spec, makefile


def test_the_pin_is_the_sha256_of_the_spec_bytes(pinned: tuple[Path, Path]) -> None:
    spec, makefile = pinned
    assert spec_pin.spec_sha256(spec) == hashlib.sha256(SPEC.read_bytes()).hexdigest() == pinned_sha256(makefile)
    assert pin_mismatch(spec, makefile) is None


def test_a_changed_spec_is_refused_naming_both_hashes_and_the_remedies(pinned: tuple[Path, Path]) -> None:
    spec, makefile = pinned
    spec.write_bytes(spec.read_bytes() + b"\n")

    message = pin_mismatch(spec, makefile)

    assert message is not None
    assert pinned_sha256(makefile) in message and spec_pin.spec_sha256(spec) in message
    assert "make update-spec" in message and "make pin" in message


def test_writing_the_pin_records_the_spec_and_touches_no_other_line(pinned: tuple[Path, Path]) -> None:
    spec, makefile = pinned
    spec.write_bytes(spec.read_bytes() + b"\n")
    before = makefile.read_text(encoding="utf-8")

    sha = write_pin(spec, makefile)

    assert sha == spec_pin.spec_sha256(spec) == pinned_sha256(makefile)
    assert pin_mismatch(spec, makefile) is None
    after = makefile.read_text(encoding="utf-8")
    assert PIN_LINE.sub("", after) == PIN_LINE.sub("", before)


def test_a_given_sha_is_written_as_it_is(pinned: tuple[Path, Path]) -> None:
    spec, makefile = pinned
    assert write_pin(spec, makefile, sha="0" * 64) == "0" * 64
    assert pinned_sha256(makefile) == "0" * 64
    assert pin_mismatch(spec, makefile) is not None


def test_a_makefile_without_the_pin_line_is_named(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text("SPEC_SHA256 := not-a-hash\n", encoding="utf-8")

    with pytest.raises(SystemExit, match="Makefile has no line 'SPEC_SHA256 := <64 hex digits>'"):
        pinned_sha256(makefile)
    with pytest.raises(SystemExit, match="Makefile has no line matching"):
        rewrite_line(PIN_LINE, "SPEC_SHA256 := " + "0" * 64, makefile)
    assert makefile.read_text(encoding="utf-8") == "SPEC_SHA256 := not-a-hash\n"


def test_rewrite_line_replaces_only_the_matching_line(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text("A := 1\nB := 2\nC := 3\n", encoding="utf-8")

    rewrite_line(re.compile(r"^B := \d$", re.MULTILINE), "B := 9", makefile)

    assert makefile.read_text(encoding="utf-8") == "A := 1\nB := 9\nC := 3\n"


@pytest.mark.parametrize("message", [None, "the pin is off"])
def test_check_exits_1_printing_the_mismatch_and_0_silently(
    message: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = pin_command(["check"], "usage", lambda: message, ("write", lambda: pytest.fail("not written")))

    out, err = capsys.readouterr()
    assert (code, out, err) == ((1, "", f"{message}\n") if message else (0, "", ""))


def test_the_write_verb_acts_and_prints_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    checked: list[str] = []

    def check() -> str | None:
        checked.append("c")
        return "mismatch"

    code = pin_command(["record"], "usage", check, ("record", lambda: "recorded 1.2.3"))

    assert (code, capsys.readouterr().out, checked) == (0, "recorded 1.2.3\n", [])


@pytest.mark.parametrize("argv", [[], ["write"], ["check", "record"], ["--help"]])
def test_anything_else_prints_the_usage_and_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = pin_command(argv, "the usage", lambda: pytest.fail("not checked"), ("record", lambda: pytest.fail("no")))

    assert (code, capsys.readouterr().err) == (2, "the usage\n")


def test_the_command_line_checks_the_real_pin(capsys: pytest.CaptureFixture[str]) -> None:
    assert spec_pin.main(["check"]) == 0
    assert spec_pin.main(["pin"]) == 2
    assert "python -m scripts.spec_pin check" in capsys.readouterr().err


def test_make_pin_writes_the_pin_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written: list[tuple[Path, Path]] = []

    def write_pin(spec: Path, makefile: Path) -> str:  # the real one would rewrite this checkout's Makefile
        written.append((spec, makefile))
        return "f" * 64

    monkeypatch.setattr(spec_pin, "write_pin", write_pin)

    assert spec_pin.main(["write"]) == 0
    assert capsys.readouterr().out == f"pinned {SPEC.name}: {'f' * 64}\n"
    assert written == [(SPEC, spec_pin.MAKEFILE)]
