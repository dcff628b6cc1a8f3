"""`make diff-spec OLD=<path|URL> NEW=<path|URL>`: the SDK-level diff of a spec change; touches nothing.

    python -m scripts.diff_spec OLD NEW [NEWER ...]

Builds the SDK of each spec in a temporary folder as `make update-spec` would take it in (its config derived
from it, keeping the names the spec before it gave; OLD keeps the current spec's), then prints the diff of
NEW's SDK against OLD's: the HTTP surface (non-JSON bodies and formats included) and the generated Python API
(griffe), each change marked breaking or not, ending with `<N> changes, <K> breaking; version bump:
<major|minor|patch|none>`. Given more specs, it walks the chain, printing the diff of each consecutive pair.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from scripts import generate, generator_config, update_spec
from scripts.diff import report
from scripts.oas import ROOT, load_spec, spec_or_exit


def build(spec: dict[str, Any], previous: report.Side, root: Path) -> report.Side:
    """The SDK of `spec` built in `root` (which must not exist yet), its config derived from `previous`'s."""
    root.mkdir()
    config = root / generator_config.CONFIG.name
    shutil.copyfile(previous.config, config)
    generator_config.write_computed(generator_config.derived(spec, previous.config, previous.spec), config)
    generate.generate_into(root / "generated", spec, config)
    return report.Side(spec, root)


def compare(sources: list[str], current: report.Side) -> int:
    """Print the SDK-level diff of each consecutive pair of specs, the first named as `current` named its models;
    1 when one of them cannot be generated."""
    documents = [spec_or_exit(source, validate=True) for source in sources]
    previous = current
    with tempfile.TemporaryDirectory(prefix="diff-spec-") as scratch:
        for index, (source, document) in enumerate(zip(sources, documents, strict=True)):
            try:
                side = build(document, previous, Path(scratch) / str(index))
            except SystemExit as failure:  # the generator refused the spec, or the naming policy could not name it
                problem = str(failure)
                advice = update_spec.generator_failure_advice(problem)
                print(
                    f"diff-spec: {source} cannot be generated:\n{update_spec.readable(problem)}\n{advice}",
                    file=sys.stderr,
                )
                return 1
            if index:
                package = str(generator_config.load(side.config)["package_name_override"])
                print(f"{'' if index == 1 else chr(10)}SDK-level changes from {sources[index - 1]} to {source}:")
                print(report.compare(previous, side).render(package), flush=True)
            previous = side
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return compare(argv, report.Side(load_spec(), ROOT))  # the first spec keeps the checkout's names


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
