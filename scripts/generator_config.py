"""generator-config.yaml: a hand-written part, then a part the update workflow computes from the spec.

Everything below MARKER is rewritten as a whole by `write_computed` (model names by the naming policy,
raw-bytes fallbacks for content types the generator cannot model, the SDK's own version); everything
above it is edited by hand and never touched by the tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from scripts import generator_input, generator_view, naming
from scripts.generator_view import module_name
from scripts.spec_pin import ROOT

CONFIG = ROOT / "generator-config.yaml"
MARKER = "# ---- Computed from openapi.json by `make update-spec`; never edit below this line by hand. ----"
VERSION_LINE = re.compile(r"^package_version_override: .*$", re.MULTILINE)


@dataclass(frozen=True)
class Computed:
    class_overrides: dict[str, str] = field(default_factory=dict)  # the generator's name -> the policy's name
    fallbacks: dict[str, list[str]] = field(default_factory=dict)  # content type -> where it occurs
    version: str = "0.0.0"  # the SDK's own version


def load(path: Path = CONFIG) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data


def computed(path: Path = CONFIG) -> Computed:
    data = load(path)
    return Computed(
        class_overrides={key: value["class_name"] for key, value in (data.get("class_overrides") or {}).items()},
        fallbacks={key: [] for key in data.get("content_type_overrides") or {}},
        version=str(data.get("package_version_override") or "0.0.0"),
    )


def derived(spec: dict[str, Any], config: Path, previous: dict[str, Any] | None) -> Computed:
    """The computed part for `spec` under `config`: fallbacks, names (keeping those `previous` got) and version."""
    fallbacks = generator_input.fallbacks(spec)
    current = generator_view.config_file(config)
    base = current.model_copy(update={"content_type_overrides": dict.fromkeys(fallbacks, generator_input.RAW)})
    # The naming policy reads the spec through the generator, which wants a document's name: only a label here.
    source = config.with_name("openapi.json")
    names = naming.policy(spec, base, source, (previous, current) if previous is not None else None)
    return Computed(names, fallbacks, computed(config).version)


def render(values: Computed) -> str:
    """The computed part, in a stable layout (sorted keys), with each fallback's uses as a comment."""
    lines = [MARKER, "# Model names by the naming policy (scripts/naming.py): the generator's name -> a readable one."]
    if values.class_overrides:
        lines.append("class_overrides:")
        for default, name in sorted(values.class_overrides.items()):
            lines += [f"  {default}:", f"    class_name: {name}", f"    module_name: {module_name(name)}"]
    else:
        lines.append("class_overrides: {}")
    lines.append("# Content types the generator cannot model: generated as raw bytes (File), never dropped.")
    if values.fallbacks:
        lines.append("content_type_overrides:")
        for content_type, uses in sorted(values.fallbacks.items()):
            where = f"  # {'; '.join(uses)}" if uses else ""
            quoted = yaml.safe_dump(content_type, default_style='"').strip()  # `*/*` plain would be an alias
            lines.append(f"  {quoted}: application/octet-stream{where}")
    else:
        lines.append("content_type_overrides: {}")
    lines.append(
        "# The SDK's own version, by the semver policy (scripts/version_policy.py); the spec's is API_VERSION."
    )
    lines.append(f'package_version_override: "{values.version}"')
    return "\n".join(lines) + "\n"


def write_computed(values: Computed, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head = text.split(MARKER)[0].rstrip("\n")
    path.write_text(f"{head}\n\n{render(values)}", encoding="utf-8")


def write_version(version: str, path: Path) -> None:
    """Set the SDK's version and nothing else: the fallbacks keep their comments saying where they are used."""
    text = path.read_text(encoding="utf-8")
    head, marker, computed_part = text.partition(MARKER)
    if not marker or VERSION_LINE.search(computed_part) is None:
        write_computed(replace(computed(path), version=version), path)
        return
    line = f'package_version_override: "{version}"'
    path.write_text(head + marker + VERSION_LINE.sub(line, computed_part, count=1), encoding="utf-8")
