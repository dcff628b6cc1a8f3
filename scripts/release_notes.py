"""The notes of a release: the CHANGELOG.md section of the version a tag names (.github/workflows/release.yml).

    python -m scripts.release_notes TAG   # e.g. v3.3.2: prints the section of 3.3.2

Exits 1, saying why, when TAG is not `v` and the version generated/ carries (a tag on the wrong commit would
publish a package under another version's name), or when CHANGELOG.md has no section for it (a release nobody
described).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scripts.oas import ROOT
from scripts.version_policy import built_version

CHANGELOG = ROOT / "CHANGELOG.md"
HEADING = re.compile(r"^## (\S+)(?: \([^)]*\))?$", re.MULTILINE)  # `## 3.3.2 (2026-11-27)`


def section(text: str, version: str) -> str | None:
    """The body of the changelog's section for `version`, up to the next section; None when it has none."""
    headings = list(HEADING.finditer(text))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if heading.group(1) == version:
            end = following.start() if following else len(text)
            return text[heading.end() : end].strip() + "\n"
    return None


def notes(tag: str, changelog: Path = CHANGELOG) -> str:
    """The release notes of `tag`; SystemExit naming the problem when the tag or the changelog is wrong."""
    version = built_version()
    if tag != f"v{version}":
        raise SystemExit(f"tag {tag} does not name the version generated/ carries ({version}): tag v{version}")
    found = section(changelog.read_text(encoding="utf-8"), version)
    if found is None:
        raise SystemExit(f"{changelog.name} has no section '## {version}': describe the release first")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(notes(argv[0], CHANGELOG), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
