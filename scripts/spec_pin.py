"""The spec pin: openapi.json's sha256, recorded as `SPEC_SHA256 := <hex>` in the Makefile.

python -m scripts.spec_pin check   # exit 1 with a message naming the pin when they differ
python -m scripts.spec_pin write   # record the current openapi.json's sha256 as the pin
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.json"
MAKEFILE = ROOT / "Makefile"
PIN_LINE = re.compile(r"^SPEC_SHA256 := ([0-9a-f]{64})$", re.MULTILINE)


def spec_sha256(spec: Path = SPEC) -> str:
    return hashlib.sha256(spec.read_bytes()).hexdigest()


def pinned_sha256(makefile: Path = MAKEFILE) -> str:
    match = PIN_LINE.search(makefile.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{makefile.name} has no line 'SPEC_SHA256 := <64 hex digits>' (the spec pin)")
    return match.group(1)


def pin_mismatch(spec: Path = SPEC, makefile: Path = MAKEFILE) -> str | None:
    """A message naming the pin when openapi.json no longer matches it, else None."""
    actual, pinned = spec_sha256(spec), pinned_sha256(makefile)
    if actual == pinned:
        return None
    return (
        f"{spec.name} does not match the spec pin: SPEC_SHA256 in the {makefile.name} is {pinned}, "
        f"but {spec.name} hashes to {actual}.\n"
        "Change the spec through `make update-spec SPEC=<path or URL>`, "
        "or run `make pin` to accept a deliberate edit."
    )


def rewrite_line(pattern: re.Pattern[str], line: str, makefile: Path) -> None:
    """Replace the Makefile line `pattern` matches (a pin) with `line`."""
    text = makefile.read_text(encoding="utf-8")
    if pattern.search(text) is None:
        raise SystemExit(f"{makefile.name} has no line matching {pattern.pattern!r}")
    makefile.write_text(pattern.sub(line, text), encoding="utf-8")


def write_pin(spec: Path, makefile: Path, sha: str | None = None) -> str:
    """Record `sha` (by default the spec's current sha256) as the pin."""
    sha = sha or spec_sha256(spec)
    rewrite_line(PIN_LINE, f"SPEC_SHA256 := {sha}", makefile)
    return sha


def pin_command(
    argv: list[str], usage: str, check: Callable[[], str | None], write: tuple[str, Callable[[], str]]
) -> int:
    """The command line of a pin: `check` (exit 1 with its message on a mismatch) or the write verb."""
    verb, act = write
    if argv == ["check"]:
        message = check()
        if message:
            print(message, file=sys.stderr)
        return 1 if message else 0
    if argv == [verb]:
        print(act())
        return 0
    print(usage, file=sys.stderr)
    return 2


def main(argv: list[str]) -> int:
    return pin_command(
        argv, __doc__ or "", pin_mismatch, ("write", lambda: f"pinned {SPEC.name}: {write_pin(SPEC, MAKEFILE)}")
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
