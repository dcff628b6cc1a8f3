"""What the pinned generator makes of a spec, read from its own parser: the one place that knows its internals.

The naming policy and the tests need the generator's decisions (Python names of parameters and fields,
the class each body and response becomes, the modules), not a re-implementation of them. This module
runs openapi-python-client's parser on the document it is handed (scripts/generator_input.py) under
generator-config.yaml and returns a plain view of it; nothing else imports `openapi_python_client`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openapi_python_client import strings
from openapi_python_client.config import ClassOverride, Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError
from openapi_python_client.parser.properties.any import AnyProperty
from openapi_python_client.parser.properties.boolean import BooleanProperty
from openapi_python_client.parser.properties.const import ConstProperty
from openapi_python_client.parser.properties.date import DateProperty
from openapi_python_client.parser.properties.datetime import DateTimeProperty
from openapi_python_client.parser.properties.enum_property import EnumProperty
from openapi_python_client.parser.properties.file import FileProperty
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.literal_enum_property import LiteralEnumProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.none import NoneProperty
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.parser.properties.uuid import UuidProperty

from scripts import generator_input
from scripts.oas import mapping as _obj

JSON = dict[str, Any]
__all__ = ["Body", "ConfigFile", "Endpoint", "Model", "Param", "PyType", "Reply", "View", "view"]
_SCALARS: dict[type, str] = {
    AnyProperty: "any",
    BooleanProperty: "bool",
    ConstProperty: "const",
    DateProperty: "date",
    DateTimeProperty: "datetime",
    FileProperty: "file",
    FloatProperty: "float",
    IntProperty: "int",
    LiteralEnumProperty: "literal",
    NoneProperty: "none",
    StringProperty: "str",
    UuidProperty: "uuid",
}


@dataclass(frozen=True)
class PyType:
    """The Python type the generator gives a value: `kind` is model, enum, list, union, or a scalar kind
    (str, int, float, bool, datetime, date, uuid, file, none, any, const, literal)."""

    kind: str
    class_name: str | None = None  # model or enum class, in the package's models
    module: str | None = None  # its module under models/
    items: tuple[PyType, ...] = ()  # a list's item type, or a union's members
    values: tuple[Any, ...] = ()  # an enum's or literal's values, a const's value

    def classes(self) -> list[str]:
        """The model and enum classes this type names directly (through lists and unions, not fields)."""
        own = [self.class_name] if self.class_name else []
        return own + [name for item in self.items for name in item.classes()]


@dataclass(frozen=True)
class Param:
    name: str  # as sent on the wire
    python_name: str  # the generated function's argument
    location: str  # path, query, header, cookie
    required: bool
    type: PyType


@dataclass(frozen=True)
class Body:
    content_type: str  # as sent in Content-Type
    kind: str  # json, form, multipart, raw
    required: bool
    type: PyType


@dataclass(frozen=True)
class Reply:
    pattern: str  # "200", "2XX" or "default"
    low: int | None  # the status range it covers; None for default
    high: int | None
    source: str  # json, bytes, text or none: what the body is read as
    type: PyType


@dataclass(frozen=True)
class Endpoint:
    method: str  # upper case
    path: str  # the spec's path template
    name: str  # the generated module and function base name
    tag: str  # the generated api/ subpackage
    operation_id: str | None
    summary: str
    params: tuple[Param, ...]
    bodies: tuple[Body, ...]
    replies: tuple[Reply, ...]


@dataclass(frozen=True)
class Model:
    class_name: str
    module: str
    fields: dict[str, str]  # JSON name -> Python attribute name
    required: frozenset[str]  # JSON names
    field_types: dict[str, PyType] = field(default_factory=dict)  # JSON name -> type
    additional: bool = False  # keeps unknown properties


@dataclass(frozen=True)
class View:
    endpoints: tuple[Endpoint, ...]
    models: dict[str, Model]  # by class name
    enums: dict[str, str]  # class name -> module
    errors: tuple[str, ...]  # what the generator could not parse, as it words it


def config_file(path: Path, **replace: Any) -> ConfigFile:
    """generator-config.yaml, with some keys replaced (e.g. class_overrides={} for the generator's own names)."""
    loaded = ConfigFile.load_from_path(path)
    return loaded.model_copy(update=replace) if replace else loaded


def with_class_overrides(config: ConfigFile, names: dict[str, str]) -> ConfigFile:
    """The config with class_overrides set to `names` (the generator's name -> the one to use)."""
    overrides = {
        key: ClassOverride.model_validate({"class_name": name, "module_name": module_name(name)})
        for key, name in names.items()
    }
    return config.model_copy(update={"class_overrides": overrides})


def class_overrides(config: ConfigFile) -> dict[str, str]:
    """The config's class_overrides as plain names: the generator's name -> the one it uses instead."""
    return {
        key: value.class_name.get_untrusted_value()
        for key, value in (config.class_overrides or {}).items()
        if value.class_name is not None
    }


def _config(config: ConfigFile, source: Path) -> Config:
    return Config.from_sources(config, MetaType.UV, source, "utf-8", False, None)


def pascal_case(value: str) -> str:
    return str(strings.ClassName(value, ""))


def module_name(class_name: str) -> str:
    return str(strings.PythonIdentifier(class_name, "field_"))


_GENERATOR_BODY_TYPES = {"json": "json", "form": "data", "multipart": "files", "raw": "content"}


def default_body_class(endpoint: Endpoint, body: Body) -> str:
    """The name the generator gives a model a request body defines inline (before class_overrides)."""
    several = len(endpoint.bodies) > 1
    base = f"{endpoint.name}_{_GENERATOR_BODY_TYPES[body.kind]}_body" if several else f"{endpoint.name}_body"
    return pascal_case(base)


def default_reply_class(endpoint: Endpoint, reply: Reply) -> str:
    """The name the generator gives a model a response defines inline (before class_overrides)."""
    return pascal_case(f"{endpoint.name}_response_{reply.pattern}")


def _py_type(prop: Any) -> PyType:
    if isinstance(prop, ModelProperty):
        return PyType("model", prop.class_info.name, prop.class_info.module_name)
    if isinstance(prop, EnumProperty):
        return PyType("enum", prop.class_info.name, prop.class_info.module_name, values=tuple(prop.values.values()))
    if isinstance(prop, ListProperty):
        return PyType("list", items=(_py_type(prop.inner_property),))
    if isinstance(prop, UnionProperty):
        return PyType("union", items=tuple(_py_type(inner) for inner in prop.inner_properties))
    if isinstance(prop, LiteralEnumProperty):
        return PyType("literal", values=tuple(sorted(prop.values, key=repr)))
    if isinstance(prop, ConstProperty):
        return PyType("const", values=(prop.value.raw_value,))
    return PyType(_SCALARS.get(type(prop), "any"))


def _model(prop: ModelProperty) -> Model:
    props = [*(prop.required_properties or []), *(prop.optional_properties or [])]
    return Model(
        class_name=prop.class_info.name,
        module=prop.class_info.module_name,
        fields={p.name.get_untrusted_value(): str(p.python_name) for p in props},
        required=frozenset(p.name.get_untrusted_value() for p in prop.required_properties or []),
        field_types={p.name.get_untrusted_value(): _py_type(p) for p in props},
        additional=prop.additional_properties is not None,
    )


_BODY_KINDS = {generator: kind for kind, generator in _GENERATOR_BODY_TYPES.items()}
_SOURCES = {"response.json()": "json", "response.content": "bytes", "response.text": "text", "None": "none"}


def view(spec: JSON, config: ConfigFile, source: Path) -> View:
    """The generator's reading of `spec` (as generator_input prepares it) under `config`."""
    overrides = config.content_type_overrides or {}
    try:
        data = GeneratorData.from_dict(generator_input.prepared(spec, overrides), config=_config(config, source))
    except Exception as error:  # the generator crashes on some specs instead of warning (duplicate enum names)
        raise SystemExit(f"the generator cannot read the spec: {type(error).__name__}: {error}") from error
    if isinstance(data, GeneratorError):
        raise SystemExit(f"the generator cannot read the spec: {data.header}\n{data.detail}")
    endpoints = []
    errors = [f"{error.header or ''} {error.detail or ''}".strip() for error in data.errors]
    for tag, collection in data.endpoint_collections_by_tag.items():
        errors += [f"{error.header or ''} {error.detail or ''}".strip() for error in collection.parse_errors]
        for endpoint in collection.endpoints:
            path = _spec_path(endpoint)
            operation = _obj(_obj(_obj(spec.get("paths")).get(path)).get(endpoint.method))
            endpoints.append(
                Endpoint(
                    method=endpoint.method.upper(),
                    path=path,
                    name=str(endpoint.name),
                    tag=str(tag),
                    operation_id=operation.get("operationId"),
                    summary=str(operation.get("summary") or ""),
                    params=tuple(
                        Param(p.name.get_untrusted_value(), str(p.python_name), str(location), p.required, _py_type(p))
                        for location, p in endpoint.iter_all_parameters()
                    ),
                    bodies=tuple(
                        Body(
                            b.content_type.get_untrusted_value(),
                            _BODY_KINDS[b.body_type],
                            b.prop.required,
                            _py_type(b.prop),
                        )
                        for b in endpoint.bodies
                    ),
                    replies=tuple(
                        Reply(
                            r.status_code.pattern,
                            r.status_code.range[0] if r.status_code.range else None,
                            r.status_code.range[1] if r.status_code.range else None,
                            _SOURCES[r.source["attribute"]],
                            _py_type(r.prop),
                        )
                        for r in endpoint.responses
                    ),
                )
            )
    return View(
        endpoints=tuple(endpoints),
        models={model.class_info.name: _model(model) for model in data.models},
        enums={enum.class_info.name: enum.class_info.module_name for enum in data.enums},
        errors=tuple(errors),
    )


def _spec_path(endpoint: Any) -> str:
    """The spec's own path template: the generator rewrote `{ruleUuid}` into `{rule_uuid}` in endpoint.path."""
    path: str = endpoint.path.get_untrusted_value()
    for param in endpoint.path_parameters:
        path = path.replace(f"{{{param.python_name}}}", f"{{{param.name.get_untrusted_value()}}}")
    return path
