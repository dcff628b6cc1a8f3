"""`make update-spec SPEC=<path or URL>`: take a new JetEmail spec in, telling the maintainer what changed.

Fetches or reads the document (JSON or YAML), validates it (OpenAPI 3.0 or 3.1), prints the API-surface
diff against the current openapi.json with each change marked breaking or not, writes it as
openapi.json in one stable format, re-pins it, regenerates generated/ and records the diff in
CHANGELOG.md. If the generator cannot handle the new spec, openapi.json and the pin are put back and
the update stops, naming the operation and the remedy. `make update-spec` then runs the tests.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from scripts import generate, spec_pin, version_policy
from scripts.oas import ROOT, SPEC_PATH, read_document
from scripts.spec_surface import Change, diff, render

CHANGELOG = ROOT / "CHANGELOG.md"
CHANGELOG_HEADER = "# Changelog\n\nAPI-surface changes, appended by `make update-spec`.\n"
# The generator's words for a construct it skips, and what to do about each.
REMEDIES = {
    "unsupported content type": "map the content type onto one the generator supports with `content_type_overrides` "
    "in generator-config.yaml (e.g. `application/vnd.jetemail+json: application/json`), with a comment saying why",
}
DEFAULT_REMEDY = "fix the construct in the spec, or teach generator-config.yaml / templates/ to handle it"


def canonical(document: dict[str, Any]) -> str:
    """The one stable format openapi.json is written in: the document's own key order, 2-space JSON."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def generator_failure_advice(output: str) -> str:
    """Which operations the generator could not handle, and what to do, from its own output."""
    skipped = re.findall(r"WARNING parsing (\w+ \S+)", output)
    remedy = next((text for word, text in REMEDIES.items() if word in output.lower()), DEFAULT_REMEDY)
    names = ", ".join(dict.fromkeys(skipped)) or "(see the generator output above)"
    return f"the generator cannot handle: {names}\nremedy: {remedy}"


def append_changelog(changes: list[Change], version: str) -> None:
    text = CHANGELOG.read_text(encoding="utf-8") if CHANGELOG.exists() else CHANGELOG_HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    CHANGELOG.write_text(f"{text}\n## {version} ({stamp})\n\n```\n{render(changes)}\n```\n", encoding="utf-8")


def update(source: str) -> int:
    new = read_document(source)
    try:
        validate(new)
    except OpenAPIValidationError as error:
        print(f"{source} is not valid OpenAPI: {error}", file=sys.stderr)
        return 1
    old_text = SPEC_PATH.read_text(encoding="utf-8")
    old_pin = spec_pin.pinned_sha256()
    changes = diff(json.loads(old_text), new)
    print(f"API-surface changes from {source}:\n{render(changes)}\n")

    SPEC_PATH.write_text(canonical(new), encoding="utf-8")
    spec_pin.write_pin()
    try:
        generate.regenerate()
    except SystemExit as failure:  # the generator refused: put the old spec and pin back
        SPEC_PATH.write_text(old_text, encoding="utf-8")
        spec_pin.write_pin(sha=old_pin)
        print(f"{failure}\n\nupdate stopped; openapi.json and its pin are unchanged.", file=sys.stderr)
        print(generator_failure_advice(str(failure)), file=sys.stderr)
        return 1
    generate.FINGERPRINT.write_text(generate.fingerprint())
    version = version_policy.record()
    append_changelog(changes, version)
    breaking = sum(change.breaking for change in changes)
    print(f"openapi.json updated and pinned, generated/ regenerated as version {version}; {breaking} breaking.")
    if breaking:
        print("Breaking changes break code written against the previous SDK: review them before releasing.")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m scripts.update_spec <path or URL of the new spec>", file=sys.stderr)
        return 2
    return update(argv[0])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
