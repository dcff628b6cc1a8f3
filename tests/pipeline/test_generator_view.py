"""What the pinned generator makes of a spec (scripts/generator_view.py), on a spec that has a bit of everything:
the Python type of every kind of value, parameters by location, bodies by kind, responses by status pattern and
what they are read as, models with their fields, and what the generator refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts import generator_view
from scripts.generator_view import PyType
from tests.support.spec_contract import CONFIG_PATH

KINDS: dict[str, Any] = {
    "text": {"type": "string"},
    "count": {"type": "integer"},
    "ratio": {"type": "number"},
    "flag": {"type": "boolean"},
    "when": {"type": "string", "format": "date-time"},
    "day": {"type": "string", "format": "date"},
    "id": {"type": "string", "format": "uuid"},
    "anything": {},
    "fixed": {"const": "card"},
    "nothing": {"type": "null"},
    "color": {"type": "string", "enum": ["red", "blue"]},
    "tags": {"type": "array", "items": {"type": "string"}},
    "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    "owner": {"$ref": "#/components/schemas/Owner"},
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/things/{thingId}": {
            "parameters": [{"name": "thingId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {
                "operationId": "updateThing",
                "summary": "Update a thing",
                "tags": ["things"],
                "parameters": [
                    {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "X-Trace", "in": "header", "required": True, "schema": {"type": "string"}},
                    {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
                        "multipart/form-data": {
                            "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                        },
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                    "2XX": {"description": "text", "content": {"text/plain": {"schema": {"type": "string"}}}},
                    "404": {
                        "description": "bytes",
                        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    "default": {"description": "nothing"},
                },
            },
        },
        "/things": {"get": {"summary": "List things", "responses": {"204": {"description": "none"}}}},
    },
    "components": {
        "schemas": {
            "Thing": {"type": "object", "required": ["text", "count"], "properties": KINDS},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": False},
        }
    },
}


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> generator_view.View:
    source = tmp_path_factory.mktemp("view") / "openapi.json"
    return generator_view.view(SPEC, generator_view.config_file(CONFIG_PATH, class_overrides={}), source)


def endpoint(view: generator_view.View, method: str) -> generator_view.Endpoint:
    return next(e for e in view.endpoints if e.method == method)


def test_every_kind_of_value_has_its_python_type(view: generator_view.View) -> None:
    thing = view.models["Thing"]
    kinds = {name: kind.kind for name, kind in thing.field_types.items()}

    assert kinds == {
        "text": "str",
        "count": "int",
        "ratio": "float",
        "flag": "bool",
        "when": "datetime",
        "day": "date",
        "id": "uuid",
        "anything": "any",
        "fixed": "enum",  # a string const is a one-value enum (scripts/generator_input.py)
        "nothing": "none",
        "color": "enum",
        "tags": "list",
        "either": "union",
        "owner": "model",
    }
    assert thing.field_types["fixed"] == PyType("enum", "ThingFixed", "thing_fixed", values=("card",))
    assert thing.field_types["color"] == PyType("enum", "ThingColor", "thing_color", values=("red", "blue"))
    assert thing.field_types["tags"].items == (PyType("str"),)
    assert thing.field_types["either"].items == (PyType("str"), PyType("int"))
    assert thing.field_types["owner"] == PyType("model", "Owner", "owner")
    assert view.enums == {"ThingColor": "thing_color", "ThingFixed": "thing_fixed"}


def test_a_literal_enum_lists_its_values_when_the_config_asks_for_literals(tmp_path: Path) -> None:
    config = generator_view.config_file(CONFIG_PATH, class_overrides={}, literal_enums=True)

    literal = generator_view.view(SPEC, config, tmp_path / "openapi.json").models["Thing"].field_types["color"]

    assert literal == PyType("literal", values=("blue", "red"))


def test_models_have_their_fields_python_names_required_ones_and_extra_properties(view: generator_view.View) -> None:
    thing, owner = view.models["Thing"], view.models["Owner"]

    assert thing.fields == {name: name for name in KINDS}  # already valid Python names
    assert thing.required == frozenset({"text", "count"})
    assert (thing.class_name, thing.module, thing.additional) == ("Thing", "thing", True)
    assert (owner.fields, owner.required, owner.additional) == ({"name": "name"}, frozenset(), False)


def test_an_endpoint_has_its_names_parameters_bodies_and_replies(view: generator_view.View) -> None:
    post = endpoint(view, "POST")

    assert (post.path, post.name, post.tag, post.operation_id, post.summary) == (
        "/things/{thingId}",  # the spec's template, not the generator's thing_id
        "update_thing",
        "things",
        "updateThing",
        "Update a thing",
    )
    assert [(p.name, p.python_name, p.location, p.required, p.type.kind) for p in post.params] == [
        ("thingId", "thing_id", "path", True, "str"),
        ("dryRun", "dry_run", "query", False, "bool"),
        ("X-Trace", "x_trace", "header", True, "str"),
        ("session", "session", "cookie", False, "str"),
    ]
    assert [(b.content_type, b.kind, b.required, b.type.kind) for b in post.bodies] == [
        ("application/json", "json", True, "model"),
        ("multipart/form-data", "multipart", True, "model"),
    ]
    assert [(r.pattern, r.low, r.high, r.source, r.type.kind) for r in post.replies] == [
        ("200", 200, 200, "json", "model"),
        ("404", 404, 404, "bytes", "file"),
        ("2XX", 200, 299, "text", "str"),  # exact statuses first, as the generated code matches them
        ("default", None, None, "none", "any"),
    ]


def test_an_operation_without_operation_id_or_tag_is_named_from_its_route(view: generator_view.View) -> None:
    get = endpoint(view, "GET")

    assert (get.name, get.tag, get.operation_id, get.summary, get.params, get.bodies) == (
        "get_things",
        "default",
        None,
        "List things",
        (),
        (),
    )
    assert [(r.pattern, r.source) for r in get.replies] == [("204", "none")]


def test_the_generators_own_names_for_inline_models(view: generator_view.View) -> None:
    post = endpoint(view, "POST")

    assert generator_view.default_body_class(post, post.bodies[0]) == "UpdateThingJsonBody"
    assert generator_view.default_body_class(post, post.bodies[1]) == "UpdateThingFilesBody"
    assert "UpdateThingFilesBody" in view.models
    single = generator_view.Endpoint("GET", "/", "get_x", "default", None, "", (), post.bodies[:1], ())
    assert generator_view.default_body_class(single, post.bodies[0]) == "GetXBody"
    assert generator_view.default_reply_class(post, post.replies[2]) == "UpdateThingResponse2XX"


def test_class_overrides_rename_the_models_the_view_reports(tmp_path: Path) -> None:
    config = generator_view.with_class_overrides(
        generator_view.config_file(CONFIG_PATH), {"UpdateThingFilesBody": "UploadedThing"}
    )

    assert generator_view.class_overrides(config) == {"UpdateThingFilesBody": "UploadedThing"}
    renamed = generator_view.view(SPEC, config, tmp_path / "openapi.json")
    assert "UploadedThing" in renamed.models and "UpdateThingFilesBody" not in renamed.models
    assert renamed.models["UploadedThing"].module == generator_view.module_name("UploadedThing") == "uploaded_thing"


def test_what_the_generator_skips_is_reported_in_its_words(tmp_path: Path) -> None:
    refused = {
        **SPEC,
        "paths": {
            "/x": {
                "get": {
                    "responses": {
                        "200": {"description": "d", "content": {"application/json": {"schema": {"enum": [1, "one"]}}}}
                    }
                }
            }
        },
    }

    found = generator_view.view(refused, generator_view.config_file(CONFIG_PATH), tmp_path / "openapi.json")

    (error,) = found.errors
    assert error.startswith("WARNING parsing GET /x within default. Cannot parse response for status code")


def test_a_spec_the_generator_cannot_read_at_all_is_named(tmp_path: Path) -> None:
    config = generator_view.config_file(CONFIG_PATH)
    with pytest.raises(SystemExit, match=r"^the generator cannot read the spec: Failed to parse OpenAPI document\n"):
        generator_view.view({"openapi": "3.0.3", "paths": {}}, config, tmp_path / "openapi.json")
    # two enum values that become one Python name: the generator crashes rather than warns
    clash = {"name": "x", "in": "query", "schema": {"type": "string", "enum": ["a-b", "a_b"]}}
    crashing = {**SPEC, "paths": {"/a": {"get": {"parameters": [clash], "responses": {"200": {"description": "d"}}}}}}
    with pytest.raises(SystemExit, match=r"^the generator cannot read the spec: ValueError: Duplicate key A_B"):
        generator_view.view(crashing, config, tmp_path / "openapi.json")


def test_py_types_name_the_classes_they_hold() -> None:
    inner = PyType("model", "A", "a")
    nested = PyType("union", items=(PyType("list", items=(inner,)), PyType("enum", "E", "e"), PyType("str")))
    assert nested.classes() == ["A", "E"]
    assert PyType("str").classes() == []
