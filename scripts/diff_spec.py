"""`make diff-spec OLD=<path|URL> NEW=<path|URL>`: the SDK-level diff of a spec change; touches nothing.

    python -m scripts.diff_spec OLD NEW

In a throwaway copy of the repo, adopts OLD (keeping the names the current spec gave, as an update would),
then takes NEW in exactly as `make update-spec` does and prints its diff: the HTTP surface (non-JSON bodies
and formats included) and the generated Python API (griffe), each change marked breaking or not, ending
with `<N> changes, <K> breaking; version bump: <major|minor|patch|none>`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from scripts import sandbox
from scripts.oas import spec_or_exit


def compare(old_source: str, new_source: str) -> int:
    documents = {"old": spec_or_exit(old_source, validate=True), "new": spec_or_exit(new_source, validate=True)}
    with tempfile.TemporaryDirectory(prefix="diff-spec-") as scratch:
        repo = sandbox.copy_repo(Path(scratch) / "repo")
        files = {}
        for side, document in documents.items():
            files[side] = Path(scratch) / f"{side}.json"
            files[side].write_text(json.dumps(document), encoding="utf-8")
        for flag, side in (("--quiet", "old"), ("--diff-only", "new")):
            result = sandbox.run(repo, "python", "-m", "scripts.update_spec", flag, str(files[side]))
            if result.returncode != 0:
                print(
                    f"diff-spec: the {side} spec ({[old_source, new_source][side == 'new']}) cannot be generated:",
                    file=sys.stderr,
                )
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
    print(f"SDK-level changes from {old_source} to {new_source}:")
    print(result.stdout.rstrip())
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    return compare(argv[0], argv[1])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
