"""API-surface diff between two OpenAPI (3.0 or 3.1) documents, for reviewing an update of the vendored spec.

python -m scripts.diff.http_surface OLD NEW   # each .json, .yaml or .yml; prints the changes, exits 0 whatever they are

The surface of an operation is what goes over the wire between an SDK and the API: its response statuses,
its parameters, the JSON properties of its request body and of each response, flattened to dotted paths
(`user.name`, `tags[]`), the fields of form and multipart bodies, the content types it sends, and what it
receives (JSON, text or bytes). A type includes the formats that change the SDK's Python type (date-time,
date, uuid, binary) and a oneOf/anyOf's members; enums list their values; defaults are noted. A change is
breaking when an SDK built from the old spec would no longer work against the new API (the Python API diff,
python_api.py, asks the other question: whether code written against the old SDK still works).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from scripts.generator_input import native_response
from scripts.oas import HTTP_METHODS, follow, ignored_parameter, json_schema_of, media_type, schema_types, spec_or_exit
from scripts.oas import mapping as _obj

JSON = dict[str, Any]
PARAMETER_LOCATIONS = ("path", "query", "header")  # cookies are not part of the SDK's surface
# Formats that give a value another Python type in the SDK (datetime, date, UUID, File); others stay str.
TYPED_FORMATS = ("date-time", "date", "uuid", "binary")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class Field(NamedTuple):
    type: str  # JSON type; several sorted and joined with "|", e.g. "null|string"; "string(date-time)"
    required: bool  # required at every level of its path, so a client can rely on it
    enum: tuple[str, ...] = ()  # the allowed values (JSON), sorted; empty when any value of the type is
    default: str = ""  # the default value (JSON), which the SDK sends when the caller gives none


@dataclass(frozen=True)
class Operation:
    parameters: dict[str, Field]  # "query.limit", "path.username", "header.x-request-id"
    request: dict[str, Field]  # request body properties
    responses: dict[str, dict[str, Field]]  # status ("200", "4XX", "default") -> response body properties
    request_types: frozenset[str] = frozenset()  # content types of the request body
    forms: dict[str, dict[str, Field]] = field(default_factory=dict)  # form/multipart body fields by content type
    response_types: dict[str, frozenset[str]] = field(default_factory=dict)  # status -> what the SDK reads it as

    @property
    def statuses(self) -> frozenset[str]:
        return frozenset(self.responses)


Surface = dict[str, Operation]  # keyed "METHOD /path"
Seen = frozenset[frozenset[str]]


@dataclass(frozen=True)
class Change:
    operation: str
    kind: str
    detail: str
    breaking: bool


def _deref(spec: JSON, node: object) -> tuple[JSON, frozenset[str]]:
    """Follow a chain of local $refs; also returns the refs followed, so callers can detect recursive schemas."""
    followed = follow(spec, node)
    # remote refs are out of scope; a pure ref loop describes nothing
    return ({} if followed.unresolved else followed.node), frozenset(followed.refs)


def _schema(spec: JSON, node: object, stack: frozenset[str] = frozenset()) -> tuple[JSON, frozenset[str]]:
    """`node` with its $refs followed and its allOf parts merged in (recursively), plus every ref used."""
    schema, refs = _deref(spec, node)
    merged = {key: value for key, value in schema.items() if key != "allOf"}
    names = schema.get("required")
    properties, required = dict(_obj(schema.get("properties"))), set(names) if isinstance(names, list) else set()
    for part in schema.get("allOf") or ():
        if _deref(spec, part)[1] & (stack | refs):
            continue  # a schema that includes itself adds nothing new
        resolved, part_refs = _schema(spec, part, stack | refs)
        refs |= part_refs
        properties |= _obj(resolved.get("properties"))
        required |= set(resolved["required"])
        for key in ("type", "nullable", "items"):  # the outer schema's own keywords win
            if key in resolved:
                merged.setdefault(key, resolved[key])
    members = [part for key in ("oneOf", "anyOf") for part in schema.get(key) or ()]
    for part in members:  # a union: its members' types, and their properties (none required: not all have them)
        if _deref(spec, part)[1] & (stack | refs):
            continue
        resolved, part_refs = _schema(spec, part, stack | refs)
        refs |= part_refs
        merged.setdefault("x-union", []).append(_type(resolved))
        for name, sub in _obj(resolved.get("properties")).items():
            properties.setdefault(name, sub)
    if properties:
        merged["properties"] = properties
    merged["required"] = sorted(required)
    return merged, refs


def _type(schema: JSON) -> str:
    types = schema_types(schema)
    if not types and "x-union" in schema:
        types = {kind for member in schema["x-union"] for kind in member.split("|")}
    if not types and "properties" in schema:
        types = {"object"}
    elif not types and "items" in schema:
        types = {"array"}
    if schema.get("nullable") is True:  # OpenAPI 3.0 spelling of 3.1's "null" type
        types.add("null")
    if schema.get("format") in TYPED_FORMATS and "string" in types:
        types = (types - {"string"}) | {f"string({schema['format']})"}
    return "|".join(sorted(types)) or "any"


def _default(schema: JSON) -> str:
    return json.dumps(schema["default"], sort_keys=True) if "default" in schema else ""


def _enum(schema: JSON) -> tuple[str, ...]:
    values = schema.get("enum")
    if "const" in schema:
        values = [schema["const"]]
    return tuple(sorted(json.dumps(value) for value in values)) if isinstance(values, list) else ()


def _walk(
    spec: JSON, node: object, path: str, required: bool, seen: Seen, out: dict[str, Field], *, chained: bool = True
) -> None:
    """Record `node` at `path` and its nested properties. `seen` holds the refs each ancestor was built from:
    a node built from the same refs as an ancestor is recursion, recorded but not expanded again. `chained`:
    a field is required only when it is at every level of its path (what a response can be relied on for);
    else when its own object requires it (what a request must send once it sends the object)."""
    schema, refs = _schema(spec, node)
    if path:
        out[path] = Field(_type(schema), required, _enum(schema), _default(schema))
    if refs in seen:
        return
    seen = seen | {refs} if refs else seen  # inline schemas are finite: only refs can recurse
    names = set(schema["required"])
    for name, sub in _obj(schema.get("properties")).items():
        own = name in names
        _walk(
            spec, sub, f"{path}.{name}" if path else name, own and (required or not chained), seen, out, chained=chained
        )
    if "items" in schema:
        _walk(spec, schema["items"], f"{path}[]", required, seen, out, chained=chained)


def _content(spec: JSON, node: object) -> JSON:
    return _obj(_deref(spec, node)[0].get("content"))


def _json_schema(spec: JSON, node: object) -> object:
    """The schema of a request body or response's JSON content (application/json preferred), or None."""
    return json_schema_of(_content(spec, node))


def _fields(spec: JSON, schema: object, *, chained: bool = True) -> dict[str, Field]:
    out: dict[str, Field] = {}
    if schema is not None:
        _walk(spec, schema, "", True, frozenset(), out, chained=chained)
    return out


def _properties(spec: JSON, node: object, *, chained: bool = True) -> dict[str, Field]:
    return _fields(spec, _json_schema(spec, node), chained=chained)


def _media_types(spec: JSON, node: object) -> frozenset[str]:
    return frozenset(media_type(str(key)) for key in _content(spec, node))


def _reads(spec: JSON, node: object) -> frozenset[str]:
    """What an SDK reads a response as (json, text or bytes): its first content type the generator models, else
    raw bytes. Another JSON type (`application/vnd.x+json`) or a dropped alternative the SDK ignored is no change."""
    content = _content(spec, node)
    if not content:
        return frozenset()
    kind = next((media_type(str(key)) for key in content if native_response(str(key))), "")
    json_kinds = kind == "application/json" or kind.endswith("+json")
    return frozenset({"json" if json_kinds else "text" if kind.startswith("text/") else "bytes"})


def _forms(spec: JSON, node: object) -> dict[str, dict[str, Field]]:
    """The fields of a request body's form and multipart contents."""
    content = {media_type(str(key)): value for key, value in _content(spec, node).items()}
    return {
        kind: _fields(spec, _obj(content[kind]).get("schema"), chained=False) for kind in FORM_TYPES if kind in content
    }


def _parameters(spec: JSON, path_item: JSON, operation: JSON) -> dict[str, Field]:
    """Path-level parameters, overridden by operation-level ones with the same location and name."""
    out: dict[str, Field] = {}
    for node in [*(path_item.get("parameters") or ()), *(operation.get("parameters") or ())]:
        param = _deref(spec, node)[0]
        where, name = param.get("in"), str(param.get("name", ""))
        if where in PARAMETER_LOCATIONS and not ignored_parameter(param):
            name = name.lower() if where == "header" else name  # header names are case-insensitive
            schema = param.get("schema") or _json_schema(spec, param)
            _walk(spec, schema, f"{where}.{name}", bool(param.get("required", False)), frozenset(), out, chained=False)
    return out


def surface(spec: JSON) -> Surface:
    """Every operation's observable surface, keyed "METHOD /path"."""
    result: Surface = {}
    for path, raw_item in _obj(spec.get("paths")).items():
        path_item = _deref(spec, raw_item)[0]
        for method in HTTP_METHODS:
            if not isinstance(operation := path_item.get(method), dict):
                continue
            responses = _obj(operation.get("responses"))
            body = operation.get("requestBody")
            result[f"{method.upper()} {path}"] = Operation(
                parameters=_parameters(spec, path_item, operation),
                request=_properties(spec, body, chained=False),
                # YAML reads an unquoted 200 as an int, so statuses are normalised to the spec's string spelling
                responses={str(status): _properties(spec, response) for status, response in responses.items()},
                request_types=_media_types(spec, body),
                forms=_forms(spec, body),
                response_types={str(status): _reads(spec, response) for status, response in responses.items()},
            )
    return result


def _parent(name: str) -> str:
    return name[:-2] if name.endswith("[]") else name.rpartition(".")[0]


def _diff_fields(op: str, side: str, old: dict[str, Field], new: dict[str, Field], label: str) -> Iterator[Change]:
    """Changes to one set of fields. A request breaks on anything new it must send; a response breaks on
    anything a client may have relied on that can now be missing or differently typed."""
    request = side == "request"
    removed, added = old.keys() - new.keys(), new.keys() - old.keys()
    for name in removed:
        if _parent(name) not in removed:  # report a removed object once, not once per nested property
            yield Change(op, f"{side} field removed", f"{label}{name}", True)
    for name in added:
        if _parent(name) not in added:
            field = new[name]
            detail = f"{label}{name} ({field.type}, {'required' if field.required else 'optional'})"
            yield Change(op, f"{side} field added", detail, request and field.required)
    for name in old.keys() & new.keys():
        before, after = old[name], new[name]
        if before.type != after.type:  # a request may take more types than before, a response may send fewer
            narrower, wider = (before, after) if request else (after, before)
            compatible = _widens(narrower.type, wider.type)
            yield Change(
                op, f"{side} field type changed", f"{label}{name}: {before.type} -> {after.type}", not compatible
            )
        if before.required != after.required:
            kind = f"{side} field now {'required' if after.required else 'optional'}"
            yield Change(op, kind, f"{label}{name}", after.required == request)
        if before.default != after.default:  # what is sent, or assumed, when nobody says: new behaviour
            detail = f"{label}{name}: {before.default or '(none)'} -> {after.default or '(none)'}"
            yield Change(op, f"{side} field default changed", detail, False)
        if before.enum != after.enum:  # a value gone breaks code naming it; a new one is new behaviour
            gone, new_values = set(before.enum) - set(after.enum), set(after.enum) - set(before.enum)
            if not before.enum or not after.enum:
                spelled = ["enum" if values else "any value" for values in (before.enum, after.enum)]
                detail = f"{label}{name}: {spelled[0]} -> {spelled[1]}"
                yield Change(op, f"{side} field enum changed", detail, bool(after.enum) == request)
                continue
            if gone:
                yield Change(op, f"{side} field enum value removed", f"{label}{name}: {', '.join(sorted(gone))}", True)
            if new_values:
                values = ", ".join(sorted(new_values))
                yield Change(op, f"{side} field enum value added", f"{label}{name}: {values}", False)


def _widens(narrower: str, wider: str) -> bool:
    """Whether every value of the type `narrower` is also one of `wider` ("any" takes everything)."""
    wide = set(wider.split("|"))
    if "number" in wide:  # every integer is a number
        wide.add("integer")
    return "any" in wide or set(narrower.split("|")) <= wide


def _diff_operation(op: str, old: Operation, new: Operation) -> Iterator[Change]:
    for status in old.statuses - new.statuses:
        yield Change(op, "status removed", status, True)
    for status in new.statuses - old.statuses:
        yield Change(op, "status added", status, False)
    for kind in old.request_types - new.request_types:
        yield Change(op, "request content type removed", kind, True)
    for kind in new.request_types - old.request_types:
        yield Change(op, "request content type added", kind, False)
    yield from _diff_fields(op, "request", old.parameters, new.parameters, "")
    yield from _diff_fields(op, "request", old.request, new.request, "")
    for kind in old.forms.keys() & new.forms.keys():
        yield from _diff_fields(op, "request", old.forms[kind], new.forms[kind], f"<{kind}> ")
    for status in old.statuses & new.statuses:
        before, after = old.response_types.get(status, frozenset()), new.response_types.get(status, frozenset())
        if before and after and before != after:  # JSON became text, say: what the SDK returns changes
            detail = f"{status} {', '.join(sorted(before))} -> {', '.join(sorted(after))}"
            yield Change(op, "response content changed", detail, True)
        yield from _diff_fields(op, "response", old.responses[status], new.responses[status], f"{status} ")


_TEMPLATE = re.compile(r"\{([^}]*)\}")


def _route(key: str) -> str:
    """ "GET /rules/{ruleUuid}" -> "GET /rules/{}": the same route whatever its parameters are called."""
    return _TEMPLATE.sub("{}", key)


def _renamed_path_parameters(old_key: str, new_key: str, old: Operation) -> Operation:
    """`old` with its path parameters named as in `new_key`, by position: a renamed template is the same URL."""
    names = dict(zip(_TEMPLATE.findall(old_key), _TEMPLATE.findall(new_key), strict=True))
    parameters = {}
    for key, value in old.parameters.items():
        for old_name, new_name in names.items():
            prefix = f"path.{old_name}"
            if key == prefix or key.startswith((f"{prefix}[", f"{prefix}.")):
                key = f"path.{new_name}{key[len(prefix) :]}"
                break
        parameters[key] = value
    return Operation(parameters, old.request, old.responses, old.request_types, old.forms, old.response_types)


def diff(old: JSON, new: JSON) -> list[Change]:
    """Changes from `old` to `new`, sorted by operation, kind, then detail. Operations are matched by route
    (method and path, whatever its parameters are called) and reported under the new spec's path."""
    before = {_route(key): (key, operation) for key, operation in surface(old).items()}
    after = {_route(key): (key, operation) for key, operation in surface(new).items()}
    changes = [Change(before[route][0], "operation removed", "", True) for route in before.keys() - after.keys()]
    changes += [Change(after[route][0], "operation added", "", False) for route in after.keys() - before.keys()]
    for route in before.keys() & after.keys():
        (old_key, old_operation), (new_key, new_operation) = before[route], after[route]
        renamed = _renamed_path_parameters(old_key, new_key, old_operation)
        changes += _diff_operation(new_key, renamed, new_operation)
    return sorted(changes, key=lambda change: (change.operation, change.kind, change.detail))


def render(changes: list[Change]) -> str:
    """One line per change, breaking ones flagged in a left column, then a count."""
    if not changes:
        return "no API-surface changes"
    lines = [
        f"{'BREAKING' if c.breaking else '':<10}{c.operation}: {c.kind}{f' {c.detail}' if c.detail else ''}"
        for c in changes
    ]
    breaking = sum(change.breaking for change in changes)
    lines.append(f"{len(changes)} change{'' if len(changes) == 1 else 's'}, {breaking} breaking")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(render(diff(spec_or_exit(argv[0]), spec_or_exit(argv[1]))))
    return 0  # breaking changes are reported, not enforced: the caller decides what to do with them


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
