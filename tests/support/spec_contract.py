"""The contract as openapi.json states it, for tests to derive their cases from.

Operations, parameters, bodies, statuses, schemas and examples come from the spec itself. What the
generator makes of them (Python names of arguments and fields, the class or type each body and response
becomes) comes from the pinned generator's own reading, through scripts/generator_view.py, the only
module that knows the generator's internals. A spec change moves the tests without anyone copying values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from scripts import generator_config, generator_input, generator_view, oas, resources
from scripts.generator_view import Model, PyType
from scripts.oas import ROOT, SPEC_PATH, dereferenced, example_of, load_spec

CONFIG_PATH = generator_config.CONFIG
SPEC: dict[str, Any] = load_spec()
# Schemas with their $refs followed (a recursive one becomes `false`, "nothing more"), for validators and strategies.
RESOLVED: dict[str, Any] = dereferenced(SPEC)
# OAS 3.0 or 3.1 schema semantics, as the spec declares.
VALIDATOR = oas.schema_validator(SPEC)
OPENAPI_31 = str(SPEC.get("openapi", "")).startswith("3.1")
JSON = "application/json"

__all__ = ["JSON", "ROOT", "Model", "PyType"]


@dataclass(frozen=True)
class Parameter:
    name: str  # as sent on the wire
    python_name: str  # the generated function's argument
    location: str  # path, query, header, cookie
    required: bool
    schema: dict[str, Any]
    type: PyType

    @property
    def key(self) -> tuple[str, str]:
        """What tells the parameter apart in its operation: a path and a query parameter may share a name."""
        return self.location, self.name


@dataclass(frozen=True)
class RequestBody:
    content_type: str  # as sent in Content-Type
    kind: str  # json, form, multipart, raw
    required: bool
    schema: dict[str, Any] | None
    type: PyType


@dataclass(frozen=True)
class DocumentedResponse:
    pattern: str  # "200", "2XX", "default"
    low: int | None  # the statuses it covers; None for default
    high: int | None
    source: str  # json, bytes, text, none: what the SDK reads the body as
    content_type: str | None
    schema: dict[str, Any] | None  # the schema of that content
    type: PyType

    @property
    def status(self) -> int:
        """The status of an exact pattern (or the first of a range); 0 for default."""
        return self.low or 0

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def model_name(self) -> str | None:
        """The generated model this status parses into, if it is one."""
        return self.type.class_name if self.type.kind == "model" else None

    @property
    def example(self) -> Any:
        return example_of(self.schema) if self.schema is not None else None


@dataclass(frozen=True)
class Operation:
    method: str  # upper case, as sent on the wire
    path: str  # the spec's path template
    module: str  # import path of the generated module
    parameters: tuple[Parameter, ...]
    bodies: tuple[RequestBody, ...]
    responses: tuple[DocumentedResponse, ...]

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def spec_entry(self) -> dict[str, Any]:
        """The operation object as openapi.json states it."""
        entry: dict[str, Any] = SPEC["paths"][self.path][self.method.lower()]
        return entry

    @property
    def json_body(self) -> RequestBody | None:
        return next((body for body in self.bodies if body.kind == "json"), None)

    @property
    def request_schema(self) -> dict[str, Any] | None:
        return self.json_body.schema if self.json_body else None

    @property
    def request_content_type(self) -> str | None:
        return self.json_body.content_type if self.json_body else None

    @property
    def request_required(self) -> bool:
        return any(body.required for body in self.bodies)

    @property
    def request_model_name(self) -> str | None:
        body = self.json_body
        return body.type.class_name if body and body.type.kind == "model" else None

    @property
    def request_example(self) -> Any:
        return example_of(self.request_schema) if self.request_schema is not None else None

    @property
    def statuses(self) -> tuple[int, ...]:
        """The exactly documented statuses."""
        return tuple(response.status for response in self.responses if response.exact)

    @property
    def success(self) -> DocumentedResponse:
        """The first documented 2xx response."""
        return next(r for r in self.responses if r.exact and 200 <= r.status < 300)

    def response(self, status: int) -> DocumentedResponse:
        return next(r for r in self.responses if r.exact and r.status == status)


# A JSON value of another type than the schema's, per JSON type: what a server must not send.
_OTHER_TYPE = {"boolean": "nope", "string": 12345, "integer": "7", "number": "7.5", "object": [1], "array": {"a": 1}}


def wrong_type_value(schema: dict[str, Any]) -> Any:
    kind = schema["type"]
    return _OTHER_TYPE[next(t for t in kind if t != "null") if isinstance(kind, list) else kind]


def server_url() -> str:
    return oas.server_url(SPEC)


def auth_scheme() -> str:
    """The HTTP auth scheme the spec's global security requirement names, as sent (`Bearer`)."""
    (requirement,) = SPEC["security"]
    (scheme_name,) = requirement
    scheme = SPEC["components"]["securitySchemes"][scheme_name]
    assert scheme["type"] == "http", scheme
    return str(scheme["scheme"]).capitalize()


def package_name() -> str:
    return str(generator_config.load()["package_name_override"])


@cache
def view() -> generator_view.View:
    """The pinned generator's reading of openapi.json under generator-config.yaml."""
    return generator_view.view(SPEC, generator_view.config_file(CONFIG_PATH), SPEC_PATH)


def model(class_name: str) -> Model:
    return view().models[class_name]


def _media(content: dict[str, Any], native: Any) -> tuple[str | None, dict[str, Any] | None]:
    """The content type the generator reads (the first it models natively, else the first) and its schema."""
    chosen = next((key for key in content if native(key)), next(iter(content), None))
    schema: dict[str, Any] | None = content[chosen].get("schema") if chosen is not None else None
    return chosen, schema


@cache
def operations() -> tuple[Operation, ...]:
    """Every operation the generator generated, each with what the generator makes of it."""
    found = []
    for endpoint in view().endpoints:
        item = RESOLVED["paths"][endpoint.path]
        spec_operation = item[endpoint.method.lower()]
        declared = {
            (p["in"], p["name"]): p for p in [*item.get("parameters", []), *spec_operation.get("parameters", [])]
        }
        body_content = spec_operation.get("requestBody", {}).get("content", {})
        responses = spec_operation.get("responses", {})
        replies = []
        for reply in endpoint.replies:
            content_type, schema = _media(
                responses[reply.pattern].get("content") or {}, generator_input.native_response
            )
            replies.append(
                DocumentedResponse(reply.pattern, reply.low, reply.high, reply.source, content_type, schema, reply.type)
            )
        found.append(
            Operation(
                method=endpoint.method,
                path=endpoint.path,
                module=f"{package_name()}.api.{endpoint.tag}.{endpoint.name}",
                parameters=tuple(
                    Parameter(
                        p.name,
                        p.python_name,
                        p.location,
                        p.required,
                        declared.get((p.location, p.name), {}).get("schema", {}),
                        p.type,
                    )
                    for p in endpoint.params
                ),
                bodies=tuple(
                    RequestBody(
                        b.content_type, b.kind, b.required, body_content.get(b.content_type, {}).get("schema"), b.type
                    )
                    for b in endpoint.bodies
                ),
                responses=tuple(replies),
            )
        )
    return tuple(found)


def operation(method: str, path: str) -> Operation:
    return next(op for op in operations() if (op.method, op.path) == (method.upper(), path))


def python_name(class_name: str, field: str) -> str:
    """The attribute the generated model `class_name` keeps the JSON property `field` in."""
    return model(class_name).fields[field]


@cache
def _placements() -> dict[str, resources.Placement]:
    return {placement.key: placement for placement in resources.layout(view())}


def placement(op: Operation) -> resources.Placement:
    """Where the resource-style clients (JetEmail, AsyncJetEmail) put the operation (scripts/resources.py)."""
    tag, name = op.module.split(".")[-2:]
    return _placements()[f"{tag}/{name}"]
