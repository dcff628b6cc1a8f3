"""`make update-spec SPEC=<path or URL>`: take a new JetEmail spec in, telling the maintainer what will break.

    python -m scripts.update_spec [--quiet | --fresh | --diff-only] SPEC

Fetches or reads the document (JSON or YAML) and validates it (OpenAPI 3.0 or 3.1), then:

1. computes what generator-config.yaml derives from the spec: raw-bytes fallbacks for content types the
   generator cannot model (scripts/generator_input.py) and model names by the naming policy
   (scripts/naming.py), keeping every name the current spec already gave;
2. writes the spec as openapi.json in one stable format, re-pins it and regenerates generated/; if the
   generator refuses it, openapi.json, its pin and the config are put back and the update stops, naming why;
3. prints the SDK-level diff against the previous SDK (scripts/diff/report.py): the HTTP surface and the Python
   API, each change marked breaking or not, and the version bump they call for; applies that bump
   (scripts/version_policy.py) and appends the diff to CHANGELOG.md.

`make update-spec` then runs the tests. `--quiet` does the same without printing the diff; `--diff-only`
prints the diff and stops before the version and changelog; `--fresh` adopts the spec with no history (no kept
names, no diff, no version change, no changelog), which is how check-spec tries a spec on its own.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scripts import (
    generate,
    generator_config,
    spec_pin,
    version_policy,
)
from scripts.diff.report import Report, Side, compare
from scripts.oas import ROOT, SPEC_PATH, spec_or_exit

CHANGELOG = ROOT / "CHANGELOG.md"
CHANGELOG_HEADER = (  # as CHANGELOG.md starts; used if it is missing
    "# Changelog\n\n"
    "Every version of `jetemail-api-client`, oldest first. `make update-spec` appends the SDK-level diff of each\n"
    "spec update; the other versions (templates, pipeline, packaging) are described by hand.\n"
)
REMEDY = (
    "fix the construct in the spec (and ask JetEmail to), or teach generator-config.yaml's hand-written part "
    "or templates/ to handle it"
)


def canonical(document: dict[str, Any]) -> str:
    """The one stable format openapi.json is written in: the document's own key order, 2-space JSON."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def readable(output: str) -> str:
    """The generator's failure output without the JSON it dumps for each problem: what went wrong, where."""
    noise = ("If you believe this was a mistake", "Generating ")
    kept = [
        line for line in output.splitlines() if line.strip() and not line.lstrip().startswith(("{", "}", "[", "]", '"'))
    ]
    return "\n".join(line for line in kept if not line.startswith(noise))


def generator_failure_advice(output: str) -> str:
    """Which operations the generator could not handle, and why, from its own output."""
    skipped = re.findall(r"WARNING parsing (\w+ \S+)", output)
    names = ", ".join(dict.fromkeys(skipped)) or "(see the generator output above)"
    return f"the generator cannot handle: {names}\nremedy: {REMEDY}"


def append_changelog(report: Report, version: str, package: str) -> None:
    text = CHANGELOG.read_text(encoding="utf-8") if CHANGELOG.exists() else CHANGELOG_HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    CHANGELOG.write_text(f"{text}\n## {version} ({stamp})\n\n```\n{report.render(package)}\n```\n", encoding="utf-8")


def derived_config(new: dict[str, Any], *, keep_names: bool) -> generator_config.Computed:
    """The config's computed part for `new`: fallbacks, and names (keeping the current spec's when asked)."""
    previous = json.loads(SPEC_PATH.read_text(encoding="utf-8")) if keep_names else None
    return generator_config.derived(new, generator_config.CONFIG, previous)


def adopt(new: dict[str, Any], *, keep_names: bool) -> generator_config.Computed:
    """Write `new` as openapi.json with its derived config, pin it and regenerate; on a generator failure put
    everything back and exit 1 naming why."""
    saved = {path: path.read_bytes() for path in (SPEC_PATH, spec_pin.MAKEFILE, generator_config.CONFIG)}
    derived = derived_config(new, keep_names=keep_names)
    try:
        SPEC_PATH.write_text(canonical(new), encoding="utf-8")
        spec_pin.write_pin(SPEC_PATH, spec_pin.MAKEFILE)
        generator_config.write_computed(derived, generator_config.CONFIG)
        generate.regenerate(new, generator_config.CONFIG)
    except BaseException as failure:  # the generator refused, or anything else: put the spec, pin and config back
        for path, content in saved.items():
            path.write_bytes(content)
        unchanged = "openapi.json, its pin and generator-config.yaml are unchanged"
        print(f"{readable(str(failure))}\n\nupdate stopped: {unchanged}.", file=sys.stderr)
        if not isinstance(failure, SystemExit):
            raise
        print(generator_failure_advice(str(failure)), file=sys.stderr)
        raise SystemExit(1) from None
    generate.FINGERPRINT.write_text(generate.fingerprint())
    return derived


def fallback_lines(fallbacks: dict[str, list[str]]) -> str:
    if not fallbacks:
        return "raw-bytes fallbacks: none (the generator models every content type)"
    lines = [f"raw-bytes fallbacks (generated with File bodies, not dropped): {len(fallbacks)} content type(s)"]
    lines += [f"  {content_type}: {'; '.join(uses)}" for content_type, uses in fallbacks.items()]
    return "\n".join(lines)


def taken_in(new: dict[str, Any], *, fresh: bool = False) -> tuple[generator_config.Computed, Report | None]:
    """Adopt `new` (keeping the current spec's names unless `fresh`) and diff the SDK it generates against the
    previous one: the config derived from it, and the diff (None when fresh: no history to compare with)."""
    with tempfile.TemporaryDirectory(prefix="previous-sdk-") as scratch:
        previous = Path(scratch)
        for name in ("generated", SPEC_PATH.name, generator_config.CONFIG.name):
            copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
            copy(ROOT / name, previous / name)
        old = Side(json.loads(SPEC_PATH.read_text(encoding="utf-8")), previous)
        derived = adopt(new, keep_names=not fresh)
        if fresh:
            return derived, None
        return derived, compare(old, Side(new, ROOT))


def released(report: Report, package: str) -> str:
    """Bump the version by the report (the version policy) and append the report to CHANGELOG.md; the version."""
    version = version_policy.record(report.bump)
    append_changelog(report, version, package)
    return version


def package_name() -> str:
    return str(generator_config.load(generator_config.CONFIG)["package_name_override"])


def update(source: str, *, quiet: bool = False, fresh: bool = False, diff_only: bool = False) -> int:
    new = spec_or_exit(source, validate=True)
    package = package_name()
    derived, report = taken_in(new, fresh=fresh)
    if report is None:
        print(fallback_lines(derived.fallbacks))
        return 0
    if diff_only:
        print(report.render(package))
        return 0
    version = released(report, package)
    if not quiet:
        print(f"SDK-level changes from {source}:\n{report.render(package)}\n")
        print(fallback_lines(derived.fallbacks))
        print(f"openapi.json updated and pinned, generated/ regenerated as version {version} ({report.bump}).")
        if report.breaking:
            print("Breaking changes break code written against the previous SDK: review them before releasing.")
    return 0


def main(argv: list[str]) -> int:
    flags = {arg for arg in argv if arg.startswith("--")}
    sources = [arg for arg in argv if not arg.startswith("--")]
    if len(sources) != 1 or not flags <= {"--quiet", "--fresh", "--diff-only"} or len(flags) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    return update(sources[0], quiet="--quiet" in flags, fresh="--fresh" in flags, diff_only="--diff-only" in flags)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
