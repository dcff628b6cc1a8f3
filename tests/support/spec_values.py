"""Values for the spec-wide tests: drawn from the spec's schemas, turned into the SDK's Python arguments,
and compared by meaning (an instant is an instant whether it is written `Z` or `+00:00`).

- `strategy(schema)`: valid JSON values of an OpenAPI 3.0 or 3.1 schema (nullable, type arrays, allOf/oneOf/
  anyOf, enums), with real values for the formats uuid, date-time, date, email, uri, binary, byte, int32, int64.
- `python_value(type, value)`: the SDK argument for a JSON value, by the generator's type (scripts/generator_view).
- `to_json(value)`: the JSON a value the SDK returns stands for; `meaning(value, schema)` normalises JSON for
  comparison, read by its schema.
- `wire_text(value)` / `from_wire(schema, text)`: a scalar as it travels in a path, query or header and back.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import enum
import io
import json
import re
import uuid
from functools import cache
from importlib import import_module
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from openapi_schema_validator import oas30_format_checker, oas31_format_checker

from scripts.generator_view import PyType
from scripts.oas import nullable_enum, schema_types
from tests.support.spec_contract import OPENAPI_31, SPEC, VALIDATOR, model, package_name

JSON = dict[str, Any]
MAX_ITEMS = 3  # the longest array drawn where the schema sets no maxItems
INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
# Keywords of OpenAPI (not JSON Schema) or annotations the strategies do not need.
DROPPED = {
    "nullable", "example", "examples", "discriminator", "xml", "externalDocs", "deprecated", "readOnly",
    "writeOnly", "contentMediaType", "contentEncoding", "$schema", "$id", "title", "description", "default",
}  # fmt: skip
SUBSCHEMA_LISTS = ("allOf", "anyOf", "prefixItems")
# oneOf is read as anyOf: specs often list members that overlap (two error shapes with the same fields), which no
# value can match exactly one of, and the SDK, like any client, takes the first member that parses.
ONE_OF = "oneOf"
VALUES = ("example", "examples", "default", "enum", "const")  # keys whose contents are values, not schemas
SUBSCHEMAS = ("items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else")
SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")

_OFFSETS = st.sampled_from(["Z", "+00:00", "+05:30", "-08:00", "+14:00"])
_INSTANTS = st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2200, 1, 1))
_DATE_TIMES = st.builds(
    lambda moment, offset: moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds") + offset,
    _INSTANTS,
    _OFFSETS,
)
_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
FORMATS = {
    "uuid": st.uuids().map(str),
    "date-time": _DATE_TIMES,
    "url": st.builds(lambda host, path: f"https://{host}.example/{path}", _WORDS, _WORDS),
    "binary": st.binary(max_size=64).map(lambda raw: raw.decode("latin-1")),
    "byte": st.binary(max_size=48).map(lambda raw: base64.b64encode(raw).decode()),
}


# Formats hypothesis-jsonschema draws valid values for by itself (date, email, uri, ...).
BUILT_IN_FORMATS = ("date", "time", "email", "idn-email", "hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri")


def to_json_schema(schema: Any, size_capped_above: bool = False) -> Any:
    """An OpenAPI schema as plain JSON Schema: `nullable` becomes a "null" type, int32/int64 become bounds,
    unknown formats are dropped, and a $ref left over from recursion becomes `false` (nothing deeper). Arrays and
    objects get a size cap, so that drawing stays cheap: an object's counts the properties its allOf, anyOf and
    oneOf members name, and those members get none of their own when their object is capped (`size_capped_above`):
    a value of the whole has the properties of several of them."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return False
    converted = {("anyOf" if key == ONE_OF else key): value for key, value in schema.items() if key not in DROPPED}
    if "type" not in schema and not any(key in schema for key in ("allOf", ONE_OF, "anyOf", "enum", "const")):
        if any(key in schema for key in ("properties", "required", "additionalProperties")):
            converted["type"] = "object"  # as the generator (and every server) reads such a schema
        elif "items" in schema:
            converted["type"] = "array"
    if converted.get("format") not in (*FORMATS, *BUILT_IN_FORMATS):
        converted.pop("format", None)
    elif isinstance(converted.get("pattern"), str):  # both at once: drawn by a strategy of their own
        converted["format"] = _format_and_pattern(converted["format"], converted.pop("pattern"))
    types = schema_types(converted)
    if "array" in types and "maxItems" not in schema:  # bounded, so that drawing a value stays cheap
        converted["maxItems"] = max(schema.get("minItems", 0), MAX_ITEMS)
    capped = "object" in types and "maxProperties" not in schema and not size_capped_above
    if capped:
        converted["maxProperties"] = max(schema.get("minProperties", 0), len(_named_properties(schema)) + 2)
    fmt = schema.get("format")
    if fmt in INT_BOUNDS and "integer" in schema_types(schema):
        low, high = INT_BOUNDS[fmt]
        converted.setdefault("minimum", low)
        converted.setdefault("maximum", high)
    if schema.get("nullable") is True and not OPENAPI_31:
        types = schema_types(schema)
        if types:
            converted["type"] = sorted({*types, "null"})
        elif "enum" not in schema:
            converted = {"anyOf": [converted, {"type": "null"}]}
    if nullable_enum(schema):  # null is a value, as the generator reads it (scripts/generator_input.py)
        converted["enum"] = [*schema["enum"], None]
    for key in SUBSCHEMAS:
        if key in converted:
            converted[key] = to_json_schema(converted[key])
    for key in SUBSCHEMA_LISTS:
        if isinstance(converted.get(key), list):
            member_capped = capped or size_capped_above if key != "prefixItems" else False
            converted[key] = [to_json_schema(part, member_capped) for part in converted[key]]
    for key in SUBSCHEMA_MAPS:
        if isinstance(converted.get(key), dict):
            converted[key] = {name: to_json_schema(part) for name, part in converted[key].items()}
    return converted


# Strategies for a string with a format and a pattern, by the format name to_json_schema gives the pair.
_PATTERNED_FORMATS: dict[str, st.SearchStrategy[str]] = {}


def _format_and_pattern(fmt: str, pattern: str) -> str:
    """A format name standing for "`fmt` and matching `pattern`", whose values satisfy both: drawn by the format
    and kept where the pattern matches (a date-time pattern that only takes `Z`), or drawn by the pattern and
    kept where they are of the format (a uuid pattern of capitals, which the format's own values never match)."""
    name = f"{fmt} matching {pattern}"
    if name not in _PATTERNED_FORMATS:
        regex = re.compile(pattern)
        checker = oas31_format_checker if OPENAPI_31 else oas30_format_checker
        by_format = FORMATS[fmt] if fmt in FORMATS else from_schema({"type": "string", "format": fmt})
        by_pattern = st.from_regex(regex, fullmatch=True).filter(lambda text: checker.conforms(text, fmt))
        matching = by_format.filter(lambda text: isinstance(text, str) and regex.search(text) is not None)
        _PATTERNED_FORMATS[name] = st.one_of(matching, by_pattern)
    return name


def _named_properties(schema: Any) -> set[str]:
    """The properties an object schema names, itself or through its allOf, anyOf and oneOf members."""
    if not isinstance(schema, dict):
        return set()
    named = {*schema.get("properties", {}), *(name for name in schema.get("required", []) if isinstance(name, str))}
    for key in ("allOf", "anyOf", ONE_OF):
        for part in schema.get(key, []) if isinstance(schema.get(key), list) else []:
            named |= _named_properties(part)
    return named


@cache
def _strategy(schema_json: str) -> st.SearchStrategy[Any]:
    converted = to_json_schema(json.loads(schema_json))
    return from_schema(converted, custom_formats={**FORMATS, **_PATTERNED_FORMATS})


def conforms(schema: Any, value: Any) -> bool:
    """Whether `value` is valid for the schema, formats included (a spec's own examples are not always)."""
    checker = oas31_format_checker if OPENAPI_31 else oas30_format_checker
    return bool(VALIDATOR(for_validation(schema), format_checker=checker).is_valid(value))


def for_validation(schema: Any) -> Any:
    """The schema as the tests validate with it: `oneOf` read as `anyOf` (see ONE_OF), null a value of a nullable
    enum, and the spec's
    components beside it, so that a $ref left where a schema recurses resolves against the spec."""
    if not isinstance(schema, dict):
        return schema
    return {**_one_of_as_any_of(schema), "components": _components()}


@cache
def _components() -> Any:
    return _one_of_as_any_of(SPEC.get("components", {}))


def _one_of_as_any_of(node: Any) -> Any:
    if isinstance(node, list):
        return [_one_of_as_any_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {  # a discriminator is a hint for picking the member, which JSON Schema validation does not need
        ("anyOf" if key == ONE_OF else key): value if key in VALUES else _one_of_as_any_of(value)
        for key, value in node.items()
        if key != "discriminator"
    }
    if nullable_enum(node):  # as to_json_schema reads it
        converted["enum"] = [*node["enum"], None]
    return converted


def strategy(schema: Any) -> st.SearchStrategy[Any]:
    """Valid JSON values of the schema (compiled once per schema). A schema no finite JSON value satisfies (a
    required property of the schema's own type, all the way down) skips the test that needs one."""
    if not satisfiable(schema):
        pytest.skip(f"no finite JSON value satisfies the schema {json.dumps(schema)[:200]}")
    return _strategy(json.dumps(schema, sort_keys=True))


def satisfiable(schema: Any) -> bool:
    """Whether the strategies find a value for the schema (a spec can contradict itself: a required property of
    the schema's own type, all the way down)."""
    return not _strategy(json.dumps(schema, sort_keys=True)).is_empty


# --- into the SDK's Python types -------------------------------------------------------------------------


def generated_class(name: str) -> Any:
    return getattr(import_module(f"{package_name()}.models"), name)


def python_value(kind: PyType, value: Any) -> Any:
    """The SDK argument standing for the JSON `value`, given the generator's type for it."""
    if value is None:
        return None
    match kind.kind:
        case "model":  # from_dict reads a File field from bytes: the drawn text stands for them
            declared = model(kind.class_name or "").field_types
            fields = {
                name: _file_bytes(declared[name], item) if name in declared else item for name, item in value.items()
            }
            return generated_class(kind.class_name or "").from_dict(fields)
        case "enum":
            return generated_class(kind.class_name or "")(value)
        case "list":
            return [python_value(kind.items[0], item) for item in value]
        case "union":
            return _union_value(kind, value)
        case "datetime":
            return datetime.datetime.fromisoformat(value)
        case "date":
            return datetime.date.fromisoformat(value)
        case "uuid":
            return uuid.UUID(value)
        case "file":
            types = import_module(f"{package_name()}.types")
            raw = value.encode("latin-1") if isinstance(value, str) else bytes(value)
            return types.File(payload=io.BytesIO(raw), file_name="upload.bin", mime_type="application/octet-stream")
    return value


def _file_bytes(kind: PyType, value: Any) -> Any:
    if kind.kind == "file" and isinstance(value, str):
        return value.encode("latin-1")
    if kind.kind == "list" and isinstance(value, list):
        return [_file_bytes(kind.items[0], item) for item in value]
    return value


def _union_value(kind: PyType, value: Any) -> Any:
    for member in kind.items:
        try:
            converted = python_value(member, value)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
        if _accepts(member, converted):
            return converted
    return value


_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "none": (type(None),),
    "datetime": (datetime.datetime,),
    "date": (datetime.date,),
    "uuid": (uuid.UUID,),
}


def _accepts(kind: PyType, value: Any) -> bool:
    """Whether `value` is of the Python type the generator declares (what a response parses into)."""
    match kind.kind:
        case "model" | "enum":
            return isinstance(value, generated_class(kind.class_name or ""))
        case "list":
            return isinstance(value, list) and all(_accepts(kind.items[0], item) for item in value)
        case "union":
            return any(_accepts(member, value) for member in kind.items)
        case "file":
            return hasattr(value, "payload")
        case "literal" | "const":
            return value in kind.values
        case "any":
            return True
    allowed = _SCALAR_TYPES.get(kind.kind, (object,))
    return isinstance(value, allowed) and (kind.kind == "bool" or not isinstance(value, bool))


def is_of_type(kind: PyType, value: Any) -> bool:
    return _accepts(kind, value)


# --- back to JSON, and comparison by meaning ---------------------------------------------------------------


def to_json(value: Any) -> Any:
    """The JSON a value the SDK holds stands for."""
    if hasattr(value, "to_dict"):
        return to_json(value.to_dict())
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "payload"):  # a File
        return value.payload.getvalue()
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def meaning(value: Any, schema: Any = True) -> Any:
    """JSON normalised by its schema so that equal meanings compare equal: a string the schema gives the format
    date-time, date or uuid is an instant, a date or a UUID (`...Z` is `...+00:00`); any other string is its text,
    whatever it looks like (a plain string patterned like a date is no date); numbers by value. With no schema
    (`True`, anything) only numbers are normalised."""
    schemas = _applicable(schema)
    if isinstance(value, dict):
        return {key: meaning(item, field_schema(schemas, key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [meaning(item, _item_schema(schemas, index)) for index, item in enumerate(value)]
    if isinstance(value, str):
        for fmt in dict.fromkeys(part.get("format") for part in schemas):
            if fmt in _READERS:
                with contextlib.suppress(ValueError):  # a server's own value need not be valid
                    return _READERS[fmt](value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _instant(text: str) -> tuple[str, datetime.datetime]:
    moment = datetime.datetime.fromisoformat(text)
    return ("instant", moment.astimezone(datetime.UTC) if moment.tzinfo else moment)


# The formats the generator gives a Python type of its own (and so writes back in its own spelling).
_READERS: dict[str, Any] = {
    "date-time": _instant,
    "date": lambda text: ("date", datetime.date.fromisoformat(text)),
    "uuid": lambda text: ("uuid", uuid.UUID(text)),
}


def _applicable(schema: Any) -> list[JSON]:
    """The schema and every subschema a value of it is also read by (allOf, anyOf, oneOf members, $refs)."""
    if isinstance(schema, list):
        return [part for item in schema for part in _applicable(item)]
    if not isinstance(schema, dict):
        return []
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):  # where the spec recurses (dereferenced() leaves it)
        target: Any = SPEC
        for part in ref[2:].split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        return _applicable(target)
    members = [schema.get(key) for key in ("allOf", "anyOf", ONE_OF)]
    return [schema, *(part for group in members if isinstance(group, list) for part in _applicable(group))]


def field_schema(schema: Any, name: str) -> list[JSON]:
    """The schemas an object's property `name` is read by: its `properties` entries, the patternProperties it
    matches, else additionalProperties."""
    found: list[JSON] = []
    for part in _applicable(schema):
        if name in part.get("properties", {}):
            found.append(part["properties"][name])
            continue
        matching = [sub for regex, sub in part.get("patternProperties", {}).items() if re.search(regex, name)]
        found += matching
        if not matching and isinstance(part.get("additionalProperties"), dict):
            found.append(part["additionalProperties"])
    return found


def _item_schema(schemas: list[JSON], index: int) -> list[JSON]:
    found: list[JSON] = []
    for part in schemas:
        prefix = part.get("prefixItems")
        if isinstance(prefix, list) and index < len(prefix):
            found.append(prefix[index])
        elif isinstance(part.get("items"), dict):
            found.append(part["items"])
    return found


def wire_text(value: Any) -> str:
    """A JSON scalar as it travels in a path segment, a query value or a header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_wire(schema: JSON, text: str) -> Any:
    """The JSON scalar a path, query or header text stands for, by the parameter's schema."""
    types = schema_types(schema) or {"string"}
    if "integer" in types and re.fullmatch(r"-?\d+", text):
        return int(text)
    if "number" in types and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text):
        return float(text)
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    return text
