"""Reading openapi.json: its operations, documented JSON schemas and examples.

Shared by the tests (which derive their cases from it) and the stand-in (which answers from it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi.json"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return spec


def operations_of(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation of the spec, in document order."""
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def is_json(media_type: str) -> bool:
    return media_type.split(";")[0].strip() == "application/json" or media_type.split(";")[0].endswith("+json")


def json_schema_of(content: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of the first JSON media type of a requestBody's or response's `content`."""
    for media_type, media in content.items():
        if is_json(media_type):
            schema: dict[str, Any] | None = media.get("schema")
            return schema
    return None


def example_of(schema: dict[str, Any]) -> Any:
    """The schema's own example, else one assembled from its properties' examples."""
    if "example" in schema:
        return schema["example"]
    if schema.get("type") == "object":
        return {
            name: example_of(prop)
            for name, prop in schema.get("properties", {}).items()
            if "example" in prop or prop.get("type") == "object"
        }
    raise LookupError(f"the spec gives no example for {schema!r}")


def path_pattern(path: str) -> re.Pattern[str]:
    """A regex matching concrete paths of an OpenAPI path template (`/users/{id}` matches `/users/42`)."""
    parts = re.split(r"(\{[^}]+\})", path)
    return re.compile("".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts if p) + "$")


def dereferenced(node: Any, root: dict[str, Any] | None = None, seen: tuple[str, ...] = ()) -> Any:
    """`node` with every local `$ref` replaced by what it points at; a recursive ref is left as it is."""
    root = node if root is None else root
    if isinstance(node, list):
        return [dereferenced(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return dereferenced(target, root, (*seen, ref))
    return {key: dereferenced(value, root, seen) for key, value in node.items()}
