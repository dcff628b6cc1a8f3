"""The Python API diff between two generated SDKs: what changes for code written against the old one.

griffe (`griffe.load` and `find_breaking_changes`) finds removed objects and incompatible signatures. griffe
does not compare annotations, so this module adds what an SDK user meets most: a field, parameter or return
type that changed, judged by the direction data flows (an argument may widen, a returned value may narrow,
a model field of a request body may not become required), plus every new public object. The version string
is masked in both trees first, so a version bump alone is no change.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe

from scripts.diff.http_surface import Change
from scripts.generator_view import PyType, View

MASKED_VERSION = "0.0.0+masked"
# Not API: the spec's info.version, which the report gives a line of its own.
NOT_COMPARED = {"API_VERSION"}
_IGNORED_KINDS = {griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE}  # re-judged below, with what it means here
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # griffe colours its explanations for a terminal, whatever the output


def load(tree: Path, package: str, version: str) -> griffe.Module:
    """The package in `tree` (a generated/ folder) as griffe reads it, with its version string masked."""
    with tempfile.TemporaryDirectory(prefix="api-diff-") as scratch:
        copy = Path(scratch) / package
        shutil.copytree(tree / package, copy, ignore=shutil.ignore_patterns("__pycache__"))
        for path in copy.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if version in text:
                path.write_text(text.replace(version, MASKED_VERSION), encoding="utf-8")
        module = griffe.load(package, search_paths=[scratch], resolve_aliases=True, allow_inspection=False)
        assert isinstance(module, griffe.Module)
        return module


def directions(view: View) -> dict[str, set[str]]:
    """For each model and enum class: "in" when requests carry it, "out" when responses do (or both)."""
    found: dict[str, set[str]] = {}

    def mark(kind: PyType, direction: str) -> None:
        for name in kind.classes():
            if direction in found.setdefault(name, set()):
                continue
            found[name].add(direction)
            model = view.models.get(name)
            for field_type in model.field_types.values() if model else ():
                mark(field_type, direction)

    for endpoint in view.endpoints:
        for param in endpoint.params:
            mark(param.type, "in")
        for body in endpoint.bodies:
            mark(body.type, "in")
        for reply in endpoint.replies:
            mark(reply.type, "out")
    return found


def diff(old: griffe.Module, new: griffe.Module, flows: dict[str, set[str]]) -> list[Change]:
    """Changes from `old` to `new`, sorted by object path."""
    package = f"{old.path}."
    changes = [_from_griffe(breakage, package, flows) for breakage in griffe.find_breaking_changes(old, new)]
    before, after = _public(old), _public(new)
    for path in sorted(after.keys() - before.keys()):
        if path.rpartition(".")[0] not in after.keys() - before.keys():  # report a new module once, not its members
            changes.append(_added(path, after[path], flows))
    for path in sorted(before.keys() & after.keys()):
        changes += _retyped(path, before[path], after[path], flows)
    return sorted((change for change in changes if change is not None), key=lambda c: (c.operation, c.kind, c.detail))


def _added(path: str, obj: Any, flows: dict[str, set[str]]) -> Change:
    """A new public object; a new required field of a model requests carry breaks code that builds it."""
    parent = obj.parent
    in_requests = parent is not None and parent.is_class and "in" in flows.get(parent.name, set())
    if obj.is_attribute and in_requests and _required(obj):
        return Change(path, "required field added", "a request model's constructor needs it", True)
    return Change(path, f"{obj.kind.value} added", "", False)


def _public(module: griffe.Module) -> dict[str, Any]:
    """Every public object the package defines (not re-exports), by its path inside the package."""
    found: dict[str, Any] = {}

    def walk(obj: Any, prefix: str) -> None:
        for name, member in obj.members.items():
            if member.is_alias or name in NOT_COMPARED or (name.startswith("_") and name != "__version__"):
                continue
            found[f"{prefix}{name}"] = member
            if member.is_module or member.is_class:
                walk(member, f"{prefix}{name}.")

    walk(module, "")
    return found


def _from_griffe(breakage: griffe.Breakage, package: str, flows: dict[str, set[str]]) -> Change | None:
    path = breakage.obj.path.removeprefix(package)
    if path in NOT_COMPARED:
        return None
    if breakage.kind in _IGNORED_KINDS:
        return _value_changed(path, breakage)
    detail = _COLOURS.sub("", breakage.explain()).split(": ", 1)[-1].strip()
    if breakage.kind is griffe.BreakageKind.OBJECT_REMOVED:
        return Change(path, f"{breakage.obj.kind.value} removed", "", True)
    return Change(path, breakage.kind.value.lower(), detail, True)


def _value_changed(path: str, breakage: griffe.Breakage) -> Change | None:
    """An attribute's value: a model field's declaration (judged by _retyped), an enum member's wire value
    (breaking), or a module constant such as DEFAULT_BASE_URL (new behaviour, not broken code)."""
    parent = breakage.obj.parent
    if isinstance(parent, griffe.Class):
        if any("Enum" in str(base) for base in parent.bases):
            return Change(path, "enum value changed", f"{breakage.old_value} -> {breakage.new_value}", True)
        return None
    return Change(path, "value changed", f"{breakage.old_value} -> {breakage.new_value}", False)


def members(annotation: object) -> frozenset[str]:
    """The members of a union annotation, as text: `str | None | Unset` -> {str, None, Unset}. A generic whose
    argument is a union (`Response[A | B]`) stands for that union, so that adding C to it widens it."""
    if annotation is None:
        return frozenset()
    text = str(annotation).strip()
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    generic = re.fullmatch(r"(\w+)\[(.*)\]", parts[0]) if len(parts) == 1 else None
    if generic and "|" in generic.group(2) and "," not in re.sub(r"\[[^\]]*\]", "", generic.group(2)):
        return frozenset(f"{generic.group(1)}[{member}]" for member in members(generic.group(2)))
    return frozenset(part for part in parts if part)


def _retyped(path: str, old: Any, new: Any, flows: dict[str, set[str]]) -> Iterator[Change]:
    if old.kind != new.kind:
        return
    if old.is_class:
        yield from _reordered(path, old, new, flows)
    if old.is_function:
        new_params = {param.name: param for param in new.parameters}
        for param in old.parameters:
            if param.name in new_params:
                new_annotation = new_params[param.name].annotation
                yield from _judge(f"{path}({param.name})", param.annotation, new_annotation, "in", "parameter")
        yield from _judge(path, old.returns, new.returns, "return", "return")
    elif old.is_attribute and old.parent is not None and old.parent.is_class:
        flow = flows.get(old.parent.name, {"in", "out"})
        role = "in" if flow == {"in"} else "out" if flow == {"out"} else "both"
        now_required = role != "out" and not _required(old) and _required(new)
        if now_required:
            yield Change(path, "field now required", "a request model's constructor needs it", True)
        if not (now_required and members(old.annotation) - members(new.annotation) == {"Unset"}):
            yield from _judge(path, old.annotation, new.annotation, role, "field")  # said once, not twice


def _constructor_fields(cls: Any) -> list[tuple[str, bool]]:
    """The arguments an attrs class's constructor takes, in order, each with whether it is keyword-only (the
    class's `kw_only=True` or the field's); a private field `_x` is the argument `x`. Empty for other classes."""
    if not any("define" in str(decorator.value) for decorator in cls.decorators):
        return []
    every_keyword_only = any("kw_only=True" in str(decorator.value) for decorator in cls.decorators)
    return [
        (name.lstrip("_"), every_keyword_only or "kw_only=True" in str(member.value))
        for name, member in cls.members.items()
        if member.is_attribute
        and not member.is_alias
        and "property" not in member.labels
        and not name.startswith("__")
        and "init=False" not in str(member.value)
    ]


def _reordered(path: str, old: Any, new: Any, flows: dict[str, set[str]]) -> Iterator[Change]:
    """Positional arguments that swapped places swap their meaning: silent for code that builds the class; one
    that became keyword-only breaks such code loudly."""
    before, after = _constructor_fields(old), _constructor_fields(new)
    now_keyword = dict(after)
    made_keyword_only = [name for name, keyword in before if not keyword and now_keyword.get(name)]
    if made_keyword_only:
        yield Change(path, "constructor arguments now keyword-only", ", ".join(made_keyword_only), True)
    positional_after = [name for name, keyword in after if not keyword]
    kept_before = [name for name, keyword in before if not keyword and name in positional_after]
    kept_after = [name for name in positional_after if name in kept_before]
    if kept_before != kept_after:
        detail = f"{', '.join(kept_before)} -> {', '.join(kept_after)}"
        yield Change(path, "constructor argument order changed", detail, "in" in flows.get(old.name, {"in"}))


def _required(attribute: Any) -> bool:
    """Whether an attrs field must be passed to the constructor (it has no default)."""
    value = attribute.value
    text = str(value) if value is not None else ""
    return value is None or (text.startswith("_attrs_field(") and "default=" not in text and "init=False" not in text)


def _judge(path: str, old: object, new: object, role: str, what: str) -> Iterator[Change]:
    """A changed annotation: arguments ("in") may widen, returned values may narrow; returns may also widen
    (a newly documented status: new behaviour, not broken code); anything else breaks someone."""
    before, after = members(old), members(new)
    if before == after:
        return
    # An int is accepted where a float is declared (PEP 484's numeric tower): int -> float widens.
    before, after = (union | {"int"} if "float" in union else union for union in (before, after))
    widened, narrowed = before < after, after < before
    breaking = {"in": not widened, "out": not narrowed, "return": not (widened or narrowed), "both": True}[role]
    kind = f"{what} type changed"
    if role == "return" and widened:
        kind = "return type widened (new behaviour)"
    if widened or narrowed:  # name what came or went, not both whole unions
        detail = " ".join([*(f"+ {m}" for m in sorted(after - before)), *(f"- {m}" for m in sorted(before - after))])
    else:
        detail = f"{old} -> {new}"
    yield Change(path, kind, detail, breaking)
