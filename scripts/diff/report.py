"""The SDK-level diff of a spec change: the HTTP surface (http_surface.py) and the generated Python API
(python_api.py) of two built SDKs, each change marked breaking or not, and the semver bump they call for.

    major  anything user code touches is removed, renamed or retyped (a breaking change in either diff)
    minor  something was added or changed compatibly: an operation, a documented status, an optional field
    patch  the generated code changed but neither its HTTP surface nor its Python API did (a new generator,
           templates or config; a description)
    none   the generated code is the same
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts import generator_config, generator_view
from scripts.diff import python_api
from scripts.diff.http_surface import Change, diff, render
from scripts.generate import digest, tree_files
from scripts.generator_view import PyType, View
from scripts.oas import mapping

LEVELS = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class Side:
    """One side of the comparison: a spec and the repo folder holding its config and generated/ SDK."""

    spec: dict[str, Any]
    root: Path

    @property
    def config(self) -> Path:
        return self.root / generator_config.CONFIG.name

    @property
    def generated(self) -> Path:
        return self.root / "generated"

    @property
    def version(self) -> str:
        return generator_config.computed(self.config).version

    def view(self) -> View:
        return generator_view.view(self.spec, generator_view.config_file(self.config), self.root / "openapi.json")


@dataclass(frozen=True)
class Report:
    http: list[Change]
    python: list[Change]
    code_changed: bool
    api_versions: tuple[str, str] = ("", "")  # the specs' info.version, old and new

    @property
    def changes(self) -> list[Change]:
        return [*self.http, *self.python]

    @property
    def breaking(self) -> int:
        return sum(change.breaking for change in self.changes)

    @property
    def bump(self) -> str:
        if self.breaking:
            return "major"
        if self.changes:
            return "minor"
        return "patch" if self.code_changed else "none"

    def render(self, package: str) -> str:
        old, new = self.api_versions
        lines = [f"API version (info.version): {old} -> {new}"] if old != new else []
        lines += ["HTTP surface:", _indented(self.http), f"Python API ({package}):", _indented(self.python)]
        total = len(self.changes)
        lines.append(f"{total} change{'' if total == 1 else 's'}, {self.breaking} breaking; version bump: {self.bump}")
        return "\n".join(lines)


def _indented(changes: list[Change]) -> str:
    text = render(changes) if changes else "no changes"
    return "\n".join(f"  {line}" for line in text.splitlines() if not line[0:1].isdigit())


def compare(old: Side, new: Side) -> Report:
    package = str(generator_config.load(new.config)["package_name_override"])
    new_view = new.view()
    http = [_with_behaviour(change, old.spec, new_view) for change in diff(old.spec, new.spec)]
    flows = python_api.directions(old.view())
    for name, directions in python_api.directions(new_view).items():
        flows.setdefault(name, set()).update(directions)
    python = python_api.diff(
        python_api.load(old.generated, package, old.version),
        python_api.load(new.generated, package, new.version),
        flows,
    )
    versions = (str(old.spec.get("info", {}).get("version")), str(new.spec.get("info", {}).get("version")))
    return Report(http, python, _code(old) != _code(new), versions)


def _code(side: Side) -> str:
    """The generated code as a whole, with its version string masked."""
    return digest(tree_files(side.generated), side.generated, mask=side.version.encode())


def _with_behaviour(change: Change, old_spec: dict[str, Any], view: View) -> Change:
    """An added status changes what existing calls do: say so, naming what handled it and what they now return."""
    if change.kind != "status added":
        return change
    method, _, path = change.operation.partition(" ")
    endpoint = next((e for e in view.endpoints if (e.method, e.path) == (method, path)), None)
    reply = next((r for r in endpoint.replies if r.pattern == change.detail), None) if endpoint else None
    if reply is None:
        return change
    now = "None (no body)" if reply.source == "none" else describe(reply.type)
    was = _handled_before(old_spec, method, path, change.detail)
    return Change(
        change.operation, change.kind, f"{change.detail} (behaviour change: was {was}, now returns {now})", False
    )


def _handled_before(old_spec: dict[str, Any], method: str, path: str, pattern: str) -> str:
    """What the old SDK made of a status the new spec documents: its range's response, the default one, or an error."""
    operation = mapping(mapping(mapping(old_spec.get("paths")).get(path)).get(method.lower()))
    documented = {str(key).upper() for key in mapping(operation.get("responses"))}
    if pattern.isdigit() and f"{pattern[0]}XX" in documented:
        return f"the {pattern[0]}XX response"
    return "the default response" if "DEFAULT" in documented and pattern != "default" else "UnexpectedStatus"


def describe(kind: PyType) -> str:
    """A Python type as a user reads it in a signature."""
    if kind.class_name:
        return kind.class_name
    if kind.kind == "list":
        return f"list[{describe(kind.items[0])}]"
    if kind.kind == "union":
        return " | ".join(describe(item) for item in kind.items)
    return {"datetime": "datetime.datetime", "date": "datetime.date", "uuid": "UUID", "file": "File"}.get(
        kind.kind, kind.kind
    )


def bumped(version: str, level: str) -> str:
    """`version` moved by a semver level (none keeps it)."""
    major, minor, patch = (int(part) for part in version.split(".")[:3])
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def level_between(old: str, new: str) -> str:
    """The semver level that took `old` to `new` (none when equal)."""
    before, after = (tuple(int(part) for part in v.split(".")[:3]) for v in (old, new))
    if after[0] != before[0]:
        return "major"
    if after[1] != before[1]:
        return "minor"
    return "patch" if after[2] != before[2] else "none"
