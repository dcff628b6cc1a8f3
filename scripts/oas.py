"""Reading openapi.json: its operations, documented JSON schemas and examples.

Shared by the tests (which derive their cases from it) and the stand-in (which answers from it).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

import httpx
import yaml
from openapi_schema_validator import OAS30Validator, OAS31Validator

from scripts import spec_pin

ROOT = spec_pin.ROOT
SPEC_PATH = spec_pin.SPEC

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return spec


def operations_of(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation of the spec, in document order."""
    for path, item in mapping(spec.get("paths")).items():
        for method in HTTP_METHODS:
            if isinstance(operation := mapping(item).get(method), dict):
                yield method.upper(), path, operation


def mapping(value: object) -> dict[str, Any]:
    """The value when it is a mapping, else empty: a malformed spec yields less, not a crash."""
    return value if isinstance(value, dict) else {}


def media_type(content_type: str) -> str:
    """`Text/CSV; charset=utf-8` -> `text/csv`, parsed as the generator parses it (`text/plain` for nonsense)."""
    message = Message()
    message.add_header("Content-Type", content_type)
    return message.get_content_type()


def schema_types(schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema's `type` names (a string or, in OpenAPI 3.1, a list)."""
    kind = schema.get("type")
    return {kind} if isinstance(kind, str) else {str(t) for t in kind} if isinstance(kind, list) else set()


# Header parameters OpenAPI says to ignore: the request's own Content-Type and Accept, and the credentials.
IGNORED_HEADERS = frozenset({"content-type", "accept", "authorization"})


def ignored_parameter(parameter: dict[str, Any]) -> bool:
    """Whether OpenAPI says to ignore the parameter (a header named Content-Type, Accept or Authorization)."""
    return parameter.get("in") == "header" and str(parameter.get("name", "")).lower() in IGNORED_HEADERS


def nullable_enum(schema: dict[str, Any]) -> bool:
    """An enum its author marked nullable (3.0 `nullable: true`, or "null" among 3.1's types) without listing
    null among its values, which JSON Schema alone would read as "never null"; servers send null all the same."""
    values = schema.get("enum")
    nullable = schema.get("nullable") is True or "null" in schema_types(schema)
    return isinstance(values, list) and nullable and None not in values


def json_schema_of(content: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of a requestBody's or response's JSON `content`: application/json first, else a +json type."""
    media = {media_type(str(key)): value for key, value in content.items()}
    json_types = sorted(key for key in media if key == "application/json" or key.endswith("+json"))
    chosen = "application/json" if "application/json" in json_types else next(iter(json_types), None)
    schema: dict[str, Any] | None = media[chosen].get("schema") if chosen else None
    return schema


def server_url(spec: dict[str, Any]) -> str:
    """The spec's first server, its variables set to their defaults: the SDK's default base URL."""
    server = (spec.get("servers") or [{}])[0]
    url = str(server.get("url", "/"))
    for name, variable in (server.get("variables") or {}).items():
        url = url.replace(f"{{{name}}}", str(variable.get("default", "")))
    return url


def schema_validator(spec: dict[str, Any]) -> Any:
    """The JSON-schema validator class for the spec's OpenAPI version (3.1 schemas are JSON Schema 2020-12)."""
    return OAS31Validator if str(spec.get("openapi", "")).startswith("3.1") else OAS30Validator


class _StringDatesLoader(yaml.SafeLoader):
    """YAML as JSON sees it: dates and times stay strings, as they are in a JSON spec."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SpecError(Exception):
    """A document that cannot be read as an OpenAPI spec; the message names the file and, where known, the line."""


def read_document(source: str) -> dict[str, Any]:
    """An OpenAPI document at a path or http(s) URL, JSON or YAML, with every key a string as in JSON."""
    try:
        if re.match(r"https?://", source):
            response = httpx.get(source, follow_redirects=True, timeout=30.0)
            response.raise_for_status()
            text = response.text
        else:
            text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, httpx.HTTPError) as error:
        raise SpecError(f"{source}: cannot be read: {error}") from error
    try:
        document = json.loads(text)
    except ValueError:
        try:
            document = yaml.load(text, Loader=_StringDatesLoader)
        except yaml.YAMLError as error:
            raise SpecError(_yaml_problem(source, error)) from error
    if not isinstance(document, dict):
        raise SpecError(f"{source} is not an OpenAPI document (no mapping at the top)")
    normalised: dict[str, Any] = json.loads(json.dumps(document))  # YAML's `200:` keys become "200"
    return normalised


def _yaml_problem(source: str, error: yaml.YAMLError) -> str:
    """`file:line:column: not valid YAML: problem` (lines and columns counted from 1, as editors do)."""
    mark = getattr(error, "problem_mark", None)
    where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    return f"{source}{where}: not valid YAML: {problem}{f' ({context})' if context else ''}"


def validated(document: dict[str, Any], source: str) -> dict[str, Any]:
    """The document, if it is valid OpenAPI 3.0 or 3.1; else SpecError naming the first problem and where."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from referencing.exceptions import Unresolvable

    if not str(document.get("openapi", "")).startswith(("3.0", "3.1")):
        raise SpecError(f"{source}: not an OpenAPI 3.0 or 3.1 document (openapi: {document.get('openapi')!r})")
    try:
        validate(document)
    except OpenAPIValidationError as error:
        where = "/".join(str(part) for part in error.path) or _where(document, error.instance) or "the top level"
        raise SpecError(f"{source}: not valid OpenAPI at {where}: {error.message}") from error
    except Unresolvable as error:  # a $ref to nothing: the validator raises it instead of reporting it
        ref = next((text for text in (str(error.ref), f"#{error.ref}") if _where(document, text)), str(error.ref))
        where = _where(document, ref) or "the top level"
        raise SpecError(f"{source}: not valid OpenAPI at {where}: $ref {ref} resolves to nothing") from error
    return document


def _where(node: Any, value: Any, path: str = "") -> str | None:
    """The first place in the document holding `value` (the validator does not always say where it looked)."""
    if isinstance(node, dict | list) and node != value:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            token = str(key).replace("~", "~0").replace("/", "~1")  # a JSON pointer
            found = _where(child, value, f"{path}/{token}")
            if found:
                return found
        return None
    return f"#{path}" if node == value and path else None


def spec_or_exit(source: str, *, validate: bool = False) -> dict[str, Any]:
    """read_document (and validated), or exit 1 printing the SpecError: for the command-line tools."""
    try:
        document = read_document(source)
        return validated(document, source) if validate else document
    except SpecError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


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
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts if part) + "$")


def pointed(spec: dict[str, Any], ref: str) -> Any:
    """What a local `$ref` points at in `spec`, or None; percent-escapes are decoded, as the validator does."""
    target: Any = spec
    for token in ref[2:].split("/"):
        target = target.get(unquote(token).replace("~1", "/").replace("~0", "~")) if isinstance(target, dict) else None
    return target


class Followed(NamedTuple):
    """Where a chain of `$ref`s ends, and the local refs followed to get there (in order)."""

    node: dict[str, Any]  # the first object that is not a local ref still to follow ({} for a ref to nothing)
    refs: tuple[str, ...]

    @property
    def unresolved(self) -> bool:
        """The chain ends at a ref: a remote one, or one already followed (a loop)."""
        return isinstance(self.node.get("$ref"), str)


def follow(spec: dict[str, Any], node: object) -> Followed:
    """Follow `node`'s chain of local `$ref`s in `spec`, stopping at a remote ref or at a ref already followed."""
    current, refs = mapping(node), tuple[str, ...]()
    while isinstance(ref := current.get("$ref"), str) and ref.startswith("#/") and ref not in refs:
        refs = (*refs, ref)
        current = mapping(pointed(spec, ref))
    return Followed(current, refs)


def dereferenced(node: Any, root: dict[str, Any] | None = None, seen: tuple[str, ...] = ()) -> Any:
    """`node` with every local `$ref` replaced by what it points at; a recursive ref is left as it is."""
    root = node if root is None else root
    if isinstance(node, list):
        return [dereferenced(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        return dereferenced(pointed(root, ref), root, (*seen, ref))
    return {key: dereferenced(value, root, seen) for key, value in node.items()}
