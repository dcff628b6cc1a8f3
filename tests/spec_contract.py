"""The contract as openapi.json states it, for tests to derive their cases from.

Operations, documented statuses, schemas and examples come from the spec itself; the name of the
model each status parses into comes from the pinned generator's own reading of the spec under
generator-config.yaml, so a spec change moves the tests without anyone copying values by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.bodies import BodyType
from openapi_python_client.parser.properties import ModelProperty

from scripts import oas
from scripts.oas import ROOT, SPEC_PATH, dereferenced, example_of, json_schema_of, load_spec

CONFIG_PATH = ROOT / "generator-config.yaml"
SPEC: dict[str, Any] = load_spec()
# Schemas with their $refs followed, for validators and strategies.
RESOLVED: dict[str, Any] = dereferenced(SPEC)
# OAS 3.0 or 3.1 schema semantics, as the spec declares.
VALIDATOR = oas.schema_validator(SPEC)
JSON = "application/json"


@dataclass(frozen=True)
class DocumentedResponse:
    status: int
    schema: dict[str, Any] | None  # the application/json schema, if the response has one
    model_name: str | None  # the generated model this status parses into

    @property
    def example(self) -> Any:
        return example_of(self.schema) if self.schema is not None else None


@dataclass(frozen=True)
class Parameter:
    name: str  # as sent on the wire
    python_name: str  # the generated function's argument
    location: str  # path, query, header, cookie
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class Operation:
    method: str  # upper case, as sent on the wire
    path: str
    module: str  # import path of the generated module
    request_schema: dict[str, Any] | None
    request_content_type: str | None
    request_required: bool
    request_model_name: str | None
    parameters: tuple[Parameter, ...]
    responses: tuple[DocumentedResponse, ...]

    @property
    def spec_entry(self) -> dict[str, Any]:
        """The operation object as openapi.json states it."""
        entry: dict[str, Any] = SPEC["paths"][self.path][self.method.lower()]
        return entry

    @property
    def statuses(self) -> tuple[int, ...]:
        return tuple(response.status for response in self.responses)

    @property
    def success(self) -> DocumentedResponse:
        """The first documented 2xx response."""
        return next(response for response in self.responses if 200 <= response.status < 300)

    @property
    def request_example(self) -> Any:
        return example_of(self.request_schema) if self.request_schema is not None else None

    def response(self, status: int) -> DocumentedResponse:
        return next(response for response in self.responses if response.status == status)


# A JSON value of another type than the schema's, per JSON type: what a server must not send.
_OTHER_TYPE = {"boolean": "nope", "string": 12345, "integer": "7", "number": "7.5", "object": [1], "array": {"a": 1}}


def wrong_type_value(schema: dict[str, Any]) -> Any:
    return _OTHER_TYPE[schema["type"]]


def json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI 3.0 schema as plain JSON Schema (`nullable` becomes a type union)."""
    converted = {key: value for key, value in schema.items() if key not in {"nullable", "example"}}
    if schema.get("nullable") and "type" in schema:
        converted["type"] = [schema["type"], "null"]
    if "properties" in schema:
        converted["properties"] = {name: json_schema(prop) for name, prop in schema["properties"].items()}
    if isinstance(schema.get("items"), dict):
        converted["items"] = json_schema(schema["items"])
    return converted


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
    return _generator_config().package_name_override or ""


@cache
def _generator_config() -> Config:
    return Config.from_sources(
        ConfigFile.load_from_path(CONFIG_PATH),
        MetaType.UV,
        SPEC_PATH,
        "utf-8",
        False,
        None,
    )


def _parameters(endpoint: Any, spec_operation: dict[str, Any], path_item: dict[str, Any]) -> tuple[Parameter, ...]:
    """The spec's parameters (path-level and operation-level), each with the argument name the generator gave it."""
    python_names = {
        (location, prop.name.get_untrusted_value()): str(prop.python_name)
        for location, props in (
            ("path", endpoint.path_parameters),
            ("query", endpoint.query_parameters),
            ("header", endpoint.header_parameters),
            ("cookie", endpoint.cookie_parameters),
        )
        for prop in props
    }
    both = [*path_item.get("parameters", []), *spec_operation.get("parameters", [])]
    declared = {(p["in"], p["name"]): p for p in both}  # the operation's own override the path's
    return tuple(
        Parameter(
            name=name,
            python_name=python_names[(location, name)],
            location=location,
            required=bool(spec.get("required", location == "path")),
            schema=spec.get("schema", {}),
        )
        for (location, name), spec in declared.items()
    )


def _model_name(prop: object) -> str | None:
    return prop.class_info.name if isinstance(prop, ModelProperty) else None


@cache
def operations() -> tuple[Operation, ...]:
    """Every operation of the spec, each with what the generator makes of it."""
    data = GeneratorData.from_dict(SPEC, config=_generator_config())
    assert isinstance(data, GeneratorData), data
    found = []
    for tag, collection in data.endpoint_collections_by_tag.items():
        for endpoint in collection.endpoints:
            path, method = endpoint.path.get_untrusted_value(), endpoint.method
            spec_operation = RESOLVED["paths"][path][method]
            request_body = spec_operation.get("requestBody", {})
            json_body = next((body for body in endpoint.bodies if body.body_type == BodyType.JSON), None)
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    module=f"{package_name()}.api.{tag}.{endpoint.name}",
                    request_schema=json_schema_of(request_body.get("content", {})),
                    request_content_type=json_body.content_type.get_untrusted_value() if json_body else None,
                    request_required=bool(request_body.get("required", False)),
                    parameters=_parameters(endpoint, spec_operation, RESOLVED["paths"][path]),
                    request_model_name=next((_model_name(body.prop) for body in endpoint.bodies), None),
                    responses=tuple(
                        DocumentedResponse(
                            status=response.status_code.range[0],
                            schema=json_schema_of(
                                spec_operation["responses"][response.status_code.pattern].get("content", {})
                            ),
                            model_name=_model_name(response.prop),
                        )
                        for response in endpoint.responses
                        if response.status_code.range is not None
                        and response.status_code.range[0] == response.status_code.range[1]
                    ),
                )
            )
    return tuple(found)


def operation(method: str, path: str) -> Operation:
    return next(op for op in operations() if (op.method, op.path) == (method.upper(), path))
