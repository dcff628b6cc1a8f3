"""openapi.json as the generator reads it: the same API, with what the generator cannot model made explicit.

The vendored spec stays exactly as JetEmail publishes it. The generator is handed a copy in which:

- a request or response media type it cannot model (text/csv, application/xml, ...) is raw bytes: its schema
  becomes `string/binary`, and `content_type_overrides` in generator-config.yaml (each entry written by the
  update workflow, see `fallbacks`) routes it through application/octet-stream, so the operation is generated
  with a `File` body or response instead of being dropped. A request still carries its own Content-Type.
- a response that also offers a type the generator models natively keeps only those, so a fallback never
  shadows a JSON alternative.
- `format: binary` inside a JSON document is a plain string: JSON cannot carry raw bytes, and the generator
  would otherwise build a `File` field that can be neither parsed nor serialised.
- an array schema without `items` (valid JSON Schema, and OpenAPI 3.1) gets `items: {}`, which means the same;
  a request body without a schema gets the one that means "anything" (`{}` for JSON, an object for a form);
  an enum of booleans (which the generator refuses) is a boolean; an enum lists each value once (the generator
  stops on a duplicate);
- an enum its author marked nullable (3.0 `nullable: true`, or "null" among 3.1's types) lists null among its
  values, which is how the generator learns that null is a value (it reads neither marker on an enum);
- a `const` of a string or an integer is a one-value enum: the generator renders a const as `Literal[...]`, which
  the resource clients' signatures (templates/api_init.py.jinja) name without importing; any other const (an
  object, which the generator's parser refuses, a boolean, a number) is its type, unconstrained;
- a header parameter named Content-Type, Accept or Authorization is dropped, as OpenAPI says to ignore it (the
  SDK sets the first two from the body and the response it reads, the client sends the credentials);
- what OpenAPI 3.1 made optional and the generator still requires is there, empty: `paths`, and an
  operation's `responses` (none documented); a path parameter's default is dropped (a path parameter is
  always given, and a default would put a defaulted argument before required ones);
- an `allOf` of plain values (`[{type: string}, {minLength: 1}]`), which the generator would turn into an
  empty model, is the one schema it means.
"""

from __future__ import annotations

import copy
from typing import Any

from scripts.oas import HTTP_METHODS, follow, ignored_parameter, media_type, nullable_enum, operations_of
from scripts.oas import mapping as _obj

JSON = dict[str, Any]
RAW = "application/octet-stream"
BINARY: JSON = {"type": "string", "format": "binary"}
# What openapi-python-client 0.29.1 models natively (parser/bodies.py, parser/responses.py).
NATIVE_REQUEST = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data", RAW)
NATIVE_RESPONSE = ("application/json", RAW)


def _is_json(kind: str) -> bool:
    return kind == "application/json" or kind.endswith("+json")


def native_request(content_type: str) -> bool:
    kind = media_type(content_type)
    return _is_json(kind) or kind in NATIVE_REQUEST


def native_response(content_type: str) -> bool:
    kind = media_type(content_type)
    return _is_json(kind) or kind in NATIVE_RESPONSE or kind.startswith("text/")


def _resolve(spec: JSON, node: JSON) -> JSON:
    """A requestBody or response object, following local $refs (the generator does the same)."""
    return follow(spec, node).node


def operations(spec: JSON) -> list[tuple[str, JSON]]:
    """("METHOD /path", operation) for every operation."""
    return [(f"{method} {path}", operation) for method, path, operation in operations_of(spec)]


def fallbacks(spec: JSON) -> dict[str, list[str]]:
    """Media types the generator cannot model, each with where it occurs: they become raw bytes."""
    found: dict[str, list[str]] = {}
    for name, operation in operations(spec):
        content = _obj(_resolve(spec, _obj(operation.get("requestBody"))).get("content"))
        for content_type in content:
            if not native_request(content_type):
                found.setdefault(content_type, []).append(f"{name} request")
        for status, response in _obj(operation.get("responses")).items():
            content = _obj(_resolve(spec, _obj(response)).get("content"))
            if content and not any(native_response(content_type) for content_type in content):
                for content_type in content:
                    found.setdefault(content_type, []).append(f"{name} response {status}")
    return dict(sorted(found.items()))


def prepared(spec: JSON, overrides: dict[str, str]) -> JSON:
    """The document the generator reads, given the config's content_type_overrides (see the module docstring)."""
    spec = copy.deepcopy(spec)
    spec.setdefault("paths", {})
    for _, operation in operations(spec):
        operation.setdefault("responses", {})
    _path_parameters_have_no_default(spec)
    raw_types = {content_type for content_type, target in overrides.items() if target == RAW}
    for _, operation in operations(spec):
        body = _resolve(spec, _obj(operation.get("requestBody")))
        for content_type, media in _obj(body.get("content")).items():
            if content_type in raw_types or (media_type(content_type) == RAW and "schema" not in _obj(media)):
                media["schema"] = dict(BINARY)
            elif isinstance(media, dict) and "schema" not in media:  # no schema: any JSON, any form fields
                media["schema"] = {} if _is_json(media_type(content_type)) else {"type": "object"}
        for response in _obj(operation.get("responses")).values():
            content = _obj(_resolve(spec, _obj(response)).get("content"))
            if any(native_response(content_type) for content_type in content):
                for content_type in [key for key in content if key in raw_types]:
                    del content[content_type]
            for content_type, media in content.items():
                if content_type in raw_types:
                    media["schema"] = dict(BINARY)
    _ignored_headers_dropped(spec)
    _json_strings_are_text(spec)
    _boolean_enums_are_booleans(spec)
    _enums_prepared(spec)
    _consts_are_enums_or_types(spec)
    _arrays_have_items(spec)
    _plain_all_of_merged(spec)
    return spec


def _media_schemas(spec: JSON) -> list[tuple[str, Any]]:
    """(media type, schema) of every request body and response."""
    found = []
    for _, operation in operations(spec):
        bodies = [_resolve(spec, _obj(operation.get("requestBody")))]
        bodies += [_resolve(spec, _obj(response)) for response in _obj(operation.get("responses")).values()]
        for body in bodies:
            for content_type, media in _obj(body.get("content")).items():
                if "schema" in _obj(media):
                    found.append((media_type(content_type), media["schema"]))
    return found


# Keys whose value maps names of the spec's choosing (a property may be called `default`) to objects to walk.
NAMED = ("paths", "responses", "content", "schemas", "parameters", "requestBodies", "headers", "callbacks",
         "properties", "patternProperties", "$defs", "definitions", "dependentSchemas")  # fmt: skip
# Keys whose value is data, not schemas.
VALUES = ("example", "examples", "default", "enum", "const")


def _walk(node: Any, visit: Any) -> None:
    """Call `visit` on every schema object under node (not following $refs)."""
    if isinstance(node, list):
        for item in node:
            _walk(item, visit)
    elif isinstance(node, dict):
        visit(node)
        for key, value in node.items():
            if key in NAMED and isinstance(value, dict):
                for named in value.values():
                    _walk(named, visit)
            elif key not in VALUES:
                _walk(value, visit)


def _refs_under(node: Any) -> set[str]:
    refs: set[str] = set()
    _walk(node, lambda schema: refs.add(schema["$ref"]) if isinstance(schema.get("$ref"), str) else None)
    return refs


def _reachable(spec: JSON, roots: list[Any]) -> set[str]:
    """Every local $ref reachable from the roots."""
    seen: set[str] = set()
    todo = set().union(*(_refs_under(root) for root in roots)) if roots else set()
    while todo:
        ref = todo.pop()
        if ref in seen or not ref.startswith("#/"):
            continue
        seen.add(ref)
        todo |= _refs_under(_resolve(spec, {"$ref": ref}))
    return seen


def _json_strings_are_text(spec: JSON) -> None:
    """Drop `format: binary` from schemas only JSON documents use (see the module docstring)."""
    media = _media_schemas(spec)
    in_json = [schema for kind, schema in media if _is_json(kind)]
    elsewhere = _reachable(spec, [schema for kind, schema in media if not _is_json(kind)])

    def text(schema: JSON) -> None:
        if schema.get("format") == "binary":
            del schema["format"]

    for schema in in_json:  # inline parts; $refs are handled below
        _walk(schema, text)
    for ref in _reachable(spec, in_json) - elsewhere:
        _walk(_resolve(spec, {"$ref": ref}), text)


def _arrays_have_items(spec: JSON) -> None:
    def items(schema: JSON) -> None:
        kinds = schema.get("type")
        if (kinds == "array" or (isinstance(kinds, list) and "array" in kinds)) and "items" not in schema:
            schema["items"] = {}

    _walk(spec.get("paths"), items)
    _walk(spec.get("components"), items)


def _boolean_enums_are_booleans(spec: JSON) -> None:
    def boolean(schema: JSON) -> None:
        values = schema.get("enum")
        if isinstance(values, list) and values and all(isinstance(value, bool) for value in values):
            del schema["enum"]
            schema["type"] = "boolean"

    _walk(spec.get("paths"), boolean)
    _walk(spec.get("components"), boolean)


def _enums_prepared(spec: JSON) -> None:
    def each_value_once_and_null_where_nullable(schema: JSON) -> None:
        values = schema.get("enum")
        if not isinstance(values, list):
            return
        if nullable_enum(schema):
            values = [*values, None]
        schema["enum"] = [value for index, value in enumerate(values) if value not in values[:index]]

    _walk(spec.get("paths"), each_value_once_and_null_where_nullable)
    _walk(spec.get("components"), each_value_once_and_null_where_nullable)


# The JSON type of a const's value, for a const that becomes its type.
_JSON_TYPES = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (dict, "object"),
    (list, "array"),
)


def _consts_are_enums_or_types(spec: JSON) -> None:
    def enum_or_type(schema: JSON) -> None:
        if "const" not in schema:
            return
        value = schema.pop("const")
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            schema["enum"] = [value]
        elif "type" not in schema:
            schema["type"] = next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "null")

    _walk(spec.get("paths"), enum_or_type)
    _walk(spec.get("components"), enum_or_type)


def _ignored_headers_dropped(spec: JSON) -> None:
    for item in _obj(spec.get("paths")).values():
        for holder in [_obj(item), *(_obj(_obj(item).get(method)) for method in HTTP_METHODS)]:
            if isinstance(holder.get("parameters"), list):
                holder["parameters"] = [
                    parameter
                    for parameter in holder["parameters"]
                    if not ignored_parameter(_resolve(spec, _obj(parameter)))
                ]


def _path_parameters_have_no_default(spec: JSON) -> None:
    for item in _obj(spec.get("paths")).values():
        operations_here = [_obj(item).get(method) for method in HTTP_METHODS]
        for holder in [_obj(item), *(_obj(op) for op in operations_here)]:
            for parameter in holder.get("parameters") or ():
                resolved = _resolve(spec, _obj(parameter))
                if resolved.get("in") == "path":
                    _obj(resolved.get("schema")).pop("default", None)


_COMPOSITE = ("properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "$ref")


def _plain_all_of_merged(spec: JSON) -> None:
    def merge(schema: JSON) -> None:
        parts = schema.get("allOf")
        if not isinstance(parts, list) or not parts or not all(isinstance(part, dict) for part in parts):
            return
        kinds = {part["type"] for part in parts if isinstance(part.get("type"), str)}
        plain = all(not any(key in part for key in _COMPOSITE) for part in parts)
        if plain and len(kinds) <= 1 and "object" not in kinds and schema.get("type") != "object":
            del schema["allOf"]
            for part in parts:
                schema.update({key: value for key, value in part.items() if key not in schema})

    _walk(spec.get("paths"), merge)
    _walk(spec.get("components"), merge)
