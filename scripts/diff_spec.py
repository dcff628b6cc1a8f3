"""`make diff-spec OLD=<path|URL> NEW=<path|URL>`: the SDK-level diff of a spec change; touches nothing.

    python -m scripts.diff_spec OLD NEW [NEWER ...]

In a throwaway copy of the repo, adopts OLD (keeping the names the current spec gave, as an update would),
then takes NEW in exactly as `make update-spec` does and prints its diff: the HTTP surface (non-JSON bodies
and formats included) and the generated Python API (griffe), each change marked breaking or not, ending
with `<N> changes, <K> breaking; version bump: <major|minor|patch|none>`. Given more specs, it walks the
chain, printing the diff of each consecutive pair.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from scripts import sandbox
from scripts.oas import spec_or_exit


def compare(sources: list[str]) -> int:
    documents = [spec_or_exit(source, validate=True) for source in sources]
    with tempfile.TemporaryDirectory(prefix="diff-spec-") as scratch:
        repo = sandbox.copy_repo(Path(scratch) / "repo")
        for index, (source, document) in enumerate(zip(sources, documents, strict=True)):
            spec_file = Path(scratch) / f"{index}.json"
            spec_file.write_text(json.dumps(document), encoding="utf-8")
            flag = "--quiet" if index == 0 else "--diff-only"
            result = sandbox.run(repo, "python", "-m", "scripts.update_spec", flag, str(spec_file))
            if result.returncode != 0:
                print(f"diff-spec: {source} cannot be generated:\n{result.stdout}{result.stderr}", file=sys.stderr)
                return 1
            if index:
                print(f"{'' if index == 1 else chr(10)}SDK-level changes from {sources[index - 1]} to {source}:")
                print(result.stdout.rstrip(), flush=True)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return compare(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
