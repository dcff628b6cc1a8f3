"""The spec pin: openapi.json's sha256, recorded as `SPEC_SHA256 := <hex>` in the Makefile.

python -m scripts.spec_pin check   # exit 1 with a message naming the pin when they differ
python -m scripts.spec_pin write   # record the current openapi.json's sha256 as the pin
"""

from __future__ import annotations

import hashlib
import re
import sys
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


def write_pin(spec: Path = SPEC, makefile: Path = MAKEFILE, sha: str | None = None) -> str:
    """Record `sha` (by default the spec's current sha256) as the pin."""
    text = makefile.read_text(encoding="utf-8")
    pinned_sha256(makefile)  # fails loudly when the pin line is missing
    sha = sha or spec_sha256(spec)
    makefile.write_text(PIN_LINE.sub(f"SPEC_SHA256 := {sha}", text), encoding="utf-8")
    return sha


def main(argv: list[str]) -> int:
    if argv == ["check"]:
        message = pin_mismatch()
        if message:
            print(message, file=sys.stderr)
            return 1
        return 0
    if argv == ["write"]:
        print(f"pinned {SPEC.name}: SPEC_SHA256 := {write_pin()}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
