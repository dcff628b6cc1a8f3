"""What the generator is handed (scripts/generator_input.py): the same API, with what it cannot model made
explicit, and nothing else changed."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scripts.generator_input import BINARY, RAW, fallbacks, prepared
from scripts.oas import ROOT, ignored_parameter, nullable_enum, read_document

JSON = dict[str, Any]


def spec(operation: JSON, components: JSON | None = None) -> JSON:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"post": operation}},
        "components": components or {},
    }


def media(content_type: str, schema: JSON) -> JSON:
    return {"content": {content_type: {"schema": schema}}}


def operation_of(document: JSON) -> JSON:
    found: JSON = document["paths"]["/things"]["post"]
    return found


CSV_IN_XML_OUT = spec(
    {
        "requestBody": media("text/csv; charset=utf-8", {"type": "string"}),
        "responses": {
            "200": media("application/xml", {"type": "object", "properties": {"a": {"type": "string"}}}),
            "201": {"content": {"application/xml": {"schema": {}}, "application/json": {"schema": {"type": "object"}}}},
            "204": {"description": "none"},
        },
    }
)


def test_content_types_the_generator_cannot_model_are_found_with_where_they_are_used() -> None:
    assert fallbacks(CSV_IN_XML_OUT) == {
        "application/xml": ["POST /things response 200"],  # 201 offers JSON too: no fallback needed
        "text/csv; charset=utf-8": ["POST /things request"],
    }


def test_fallback_content_becomes_raw_bytes_and_a_json_alternative_wins() -> None:
    overrides = dict.fromkeys(fallbacks(CSV_IN_XML_OUT), RAW)

    ready = operation_of(prepared(CSV_IN_XML_OUT, overrides))

    assert ready["requestBody"]["content"] == {"text/csv; charset=utf-8": {"schema": BINARY}}
    assert ready["responses"]["200"]["content"] == {"application/xml": {"schema": BINARY}}
    assert list(ready["responses"]["201"]["content"]) == ["application/json"]
    assert ready["responses"]["204"] == {"description": "none"}


def test_binary_in_json_is_text_and_stays_binary_where_a_form_carries_it() -> None:
    components = {
        "schemas": {
            "InJson": {"type": "object", "properties": {"blob": {"type": "string", "format": "binary"}}},
            "InForm": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}},
        }
    }
    document = spec(
        {
            "requestBody": {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/InJson"}},
                    "multipart/form-data": {"schema": {"$ref": "#/components/schemas/InForm"}},
                }
            },
            "responses": {"200": media("application/json", {"type": "string", "format": "binary"})},
        },
        components,
    )

    ready = prepared(document, {})

    assert ready["components"]["schemas"]["InJson"]["properties"]["blob"] == {"type": "string"}
    assert ready["components"]["schemas"]["InForm"]["properties"]["file"]["format"] == "binary"
    assert operation_of(ready)["responses"]["200"]["content"]["application/json"]["schema"] == {"type": "string"}


def test_an_array_without_items_gets_any_items_and_the_input_is_untouched() -> None:
    document = spec(
        {"responses": {"200": media("application/json", {"type": "object", "properties": {"a": {"type": "array"}}})}}
    )
    before = copy.deepcopy(document)

    ready = prepared(document, {})

    schema = operation_of(ready)["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["a"] == {"type": "array", "items": {}}
    assert document == before


def test_a_spec_the_generator_models_whole_is_handed_over_as_it_is() -> None:
    document = spec({"requestBody": media("application/json", {"type": "object"}), "responses": {"204": {}}})

    assert prepared(document, {}) == document
    assert fallbacks(document) == {}


def test_an_enum_of_booleans_is_a_boolean() -> None:
    document = spec(
        {
            "requestBody": media(
                "application/json",
                {"type": "object", "properties": {"either": {"enum": [True, False]}, "only": {"enum": [True]}}},
            ),
            "responses": {"204": {}},
        }
    )

    properties = operation_of(prepared(document, {}))["requestBody"]["content"]["application/json"]["schema"]

    assert properties["properties"] == {"either": {"type": "boolean"}, "only": {"type": "boolean"}}


def test_properties_named_like_keywords_are_schemas_too() -> None:
    named = {"default": {"type": "array"}, "enum": {"enum": [True, False]}, "example": {"type": "string"}}
    document = spec({"responses": {"default": media("application/json", {"type": "object", "properties": named})}})

    schema = operation_of(prepared(document, {}))["responses"]["default"]["content"]["application/json"]["schema"]

    assert schema["properties"]["default"] == {"type": "array", "items": {}}
    assert schema["properties"]["enum"] == {"type": "boolean"}


def test_an_all_of_of_plain_values_is_one_schema() -> None:
    label = {"allOf": [{"type": "string"}, {"type": "string", "minLength": 1}], "description": "d"}
    document = spec(
        {"responses": {"200": media("application/json", {"type": "object", "properties": {"label": label}})}}
    )

    schema = operation_of(prepared(document, {}))["responses"]["200"]["content"]["application/json"]["schema"]

    assert schema["properties"]["label"] == {"description": "d", "type": "string", "minLength": 1}


def test_a_body_without_a_schema_means_anything_and_raw_bytes_stay_bytes() -> None:
    document = spec(
        {
            "requestBody": {
                "content": {"application/json": {}, "application/x-www-form-urlencoded": {}, RAW: {}, "text/csv": {}}
            },
            "responses": {"200": {"description": "d", "content": {RAW: {"schema": {"type": "string"}}}}},
        }
    )

    ready = operation_of(prepared(document, {"text/csv": RAW}))

    assert ready["requestBody"]["content"] == {
        "application/json": {"schema": {}},
        "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
        RAW: {"schema": BINARY},
        "text/csv": {"schema": BINARY},
    }
    assert ready["responses"]["200"]["content"][RAW] == {"schema": {"type": "string"}}  # a schema of its own stays


def test_what_31_made_optional_is_there_empty() -> None:
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "webhooks": {}}
    assert prepared(document, {})["paths"] == {}

    no_responses = spec({"summary": "s"})
    assert operation_of(prepared(no_responses, {}))["responses"] == {}
    assert "responses" not in operation_of(no_responses)


def test_path_parameters_lose_their_default_and_others_keep_it() -> None:
    path_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "default": "me"}}
    components = {"parameters": {"Id": copy.deepcopy(path_id)}}
    document = spec(
        {
            "parameters": [
                {"$ref": "#/components/parameters/Id"},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
            ],
            "responses": {"204": {"description": "none"}},
        },
        components,
    )
    document["paths"]["/things"]["parameters"] = [copy.deepcopy(path_id)]

    ready = prepared(document, {})

    assert ready["paths"]["/things"]["parameters"][0]["schema"] == {"type": "string"}
    assert ready["components"]["parameters"]["Id"]["schema"] == {"type": "string"}
    assert operation_of(ready)["parameters"][1]["schema"]["default"] == 10


def test_binary_is_text_along_a_chain_of_refs_from_json_only() -> None:
    blob = {"type": "string", "format": "binary"}
    components = {
        "schemas": {
            "Outer": {"type": "object", "properties": {"inner": {"$ref": "#/components/schemas/Inner"}}},
            "Inner": {
                "type": "object",
                "properties": {"blob": dict(blob), "again": {"$ref": "#/components/schemas/Outer"}},
            },
            "Shared": {"type": "object", "properties": {"blob": dict(blob)}},
        }
    }
    document = spec(
        {
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "outer": {"$ref": "#/components/schemas/Outer"},
                                "shared": {"$ref": "#/components/schemas/Shared"},
                                "remote": {"$ref": "other.json#/Thing"},
                            },
                        }
                    },
                    "multipart/form-data": {"schema": {"$ref": "#/components/schemas/Shared"}},
                }
            },
            "responses": {"204": {"description": "none"}},
        },
        components,
    )

    schemas = prepared(document, {})["components"]["schemas"]

    assert schemas["Inner"]["properties"]["blob"] == {"type": "string"}
    assert schemas["Shared"]["properties"]["blob"] == blob  # a form sends it as a file


def test_only_an_all_of_of_plain_values_of_one_type_is_merged() -> None:
    kept = {
        "objects": {"allOf": [{"type": "object"}, {"properties": {"a": {}}}]},
        "composite": {"allOf": [{"type": "string"}, {"$ref": "#/components/schemas/S"}]},
        "two_types": {"allOf": [{"type": "string"}, {"type": "integer"}]},
        "an_object": {"type": "object", "allOf": [{"minProperties": 1}]},
        "not_parts": {"allOf": [{"type": "string"}, "x"]},
        "empty": {"allOf": []},
    }
    document = spec(
        {"responses": {"200": media("application/json", {"type": "object", "properties": copy.deepcopy(kept)})}},
        {"schemas": {"S": {"type": "string"}, "Own": {"allOf": [{"maxLength": 3}], "maxLength": 5}}},
    )

    ready = prepared(document, {})

    assert operation_of(ready)["responses"]["200"]["content"]["application/json"]["schema"]["properties"] == kept
    assert ready["components"]["schemas"]["Own"] == {"maxLength": 5}  # its own keywords win


def test_only_an_enum_of_booleans_becomes_a_boolean() -> None:
    values = {"mixed": {"enum": [True, "yes"]}, "empty": {"enum": []}, "strings": {"type": "string", "enum": ["a"]}}
    document = spec(
        {"responses": {"200": media("application/json", {"type": "object", "properties": copy.deepcopy(values)})}},
        {"schemas": {"Flag": {"enum": [False, False]}}},
    )

    ready = prepared(document, {})

    assert operation_of(ready)["responses"]["200"]["content"]["application/json"]["schema"]["properties"] == values
    assert ready["components"]["schemas"]["Flag"] == {"type": "boolean"}


def test_31_arrays_and_component_arrays_get_items_too() -> None:
    document = spec(
        {"responses": {"200": media("application/json", {"type": ["array", "null"]})}},
        {"schemas": {"List": {"type": "array"}, "Typed": {"type": "array", "items": {"type": "string"}}}},
    )

    ready = prepared(document, {})

    assert operation_of(ready)["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {}
    assert ready["components"]["schemas"]["List"] == {"type": "array", "items": {}}
    assert ready["components"]["schemas"]["Typed"]["items"] == {"type": "string"}


def test_fallbacks_follow_refs_to_bodies_and_responses() -> None:
    components = {
        "requestBodies": {"Csv": media("text/csv", {"type": "string"})},
        "responses": {"Xml": media("application/xml", {"type": "string"}), "Text": media("text/html", {})},
    }
    document = spec(
        {
            "requestBody": {"$ref": "#/components/requestBodies/Csv"},
            "responses": {
                "200": {"$ref": "#/components/responses/Xml"},
                "201": {"$ref": "#/components/responses/Text"},
            },
        },
        components,
    )

    assert fallbacks(document) == {
        "application/xml": ["POST /things response 200"],
        "text/csv": ["POST /things request"],
    }


def test_json_flavours_and_forms_are_requests_the_generator_models() -> None:
    for content_type in ("application/merge-patch+json", "application/json; charset=utf-8", "multipart/form-data"):
        assert fallbacks(spec({"requestBody": media(content_type, {"type": "object"}), "responses": {}})) == {}


def test_schemas_inside_lists_are_prepared_too() -> None:
    one_of = {"oneOf": [{"type": "array"}, {"type": "string"}]}
    document = spec({"responses": {"200": media("application/json", one_of)}})

    schema = operation_of(prepared(document, {}))["responses"]["200"]["content"]["application/json"]["schema"]

    assert schema["oneOf"] == [{"type": "array", "items": {}}, {"type": "string"}]


def test_a_cycle_of_refs_ends() -> None:
    # a broken spec, but the tools must not hang on it
    components = {
        "requestBodies": {"A": {"$ref": "#/components/requestBodies/B"}, "B": {"$ref": "#/components/requestBodies/A"}}
    }
    document = spec({"requestBody": {"$ref": "#/components/requestBodies/A"}, "responses": {}}, components)

    assert fallbacks(document) == {}


FIXTURES = ROOT / "tests" / "fixtures"


def schemas_in(node: Any) -> list[JSON]:
    """Every object under node, not looking into values (enum, const, examples, defaults)."""
    if isinstance(node, list):
        return [found for item in node for found in schemas_in(item)]
    if not isinstance(node, dict):
        return []
    inner = [schemas_in(value) for key, value in node.items() if key not in ("enum", "const", "example", "default")]
    return [node, *(found for part in inner for found in part)]


def test_an_enum_lists_each_value_once_and_a_const_is_an_enum_or_its_type() -> None:
    document = read_document(str(FIXTURES / "refused-but-valid.yaml"))
    consts = [schema for schema in schemas_in(document) if "const" in schema]

    ready = schemas_in(prepared(document, {}))

    assert any(len(schema["enum"]) > len(set(schema["enum"])) for schema in schemas_in(document) if "enum" in schema)
    assert all(len(schema["enum"]) == len(set(schema["enum"])) for schema in ready if "enum" in schema)
    assert not any("const" in schema for schema in ready)
    for const in consts:  # a string one is a one-value enum, an object one an object
        rewritten = {key: value for key, value in const.items() if key != "const"}
        if isinstance(const["const"], str):
            rewritten["enum"] = [const["const"]]
        else:
            rewritten["type"] = "object"
        assert rewritten in ready


@pytest.mark.parametrize("fixture", ["nullable-enums-3.0.yaml", "nullable-enums-3.1.yaml"])
def test_a_nullable_enum_lists_null_among_its_values(fixture: str) -> None:
    document = read_document(str(FIXTURES / fixture))
    nullable = [schema for schema in schemas_in(document) if nullable_enum(schema)]

    ready = schemas_in(prepared(document, {}))

    assert nullable
    assert all({**schema, "enum": [*schema["enum"], None]} in ready for schema in nullable)
    assert not any(nullable_enum(schema) for schema in ready)


def test_the_headers_openapi_says_to_ignore_are_dropped_and_no_other_parameter() -> None:
    document = read_document(str(FIXTURES / "ignored-headers-and-shared-names.yaml"))
    parameters = [parameter for schema in schemas_in(document["paths"]) for parameter in schema.get("parameters", [])]

    ready = prepared(document, {})

    kept = [parameter for schema in schemas_in(ready["paths"]) for parameter in schema.get("parameters", [])]
    assert any(ignored_parameter(parameter) for parameter in parameters)
    assert kept == [parameter for parameter in parameters if not ignored_parameter(parameter)]


@pytest.mark.parametrize(
    ("const", "prepared_as"),
    [
        ({"const": 3}, {"enum": [3]}),  # an integer, like a string, is a one-value enum
        ({"const": True}, {"type": "boolean"}),  # no enum of booleans for the generator
        ({"const": 1.5}, {"type": "number"}),
        ({"const": None}, {"type": "null"}),
        ({"type": "array", "const": [1]}, {"type": "array", "items": {}}),  # its own type kept
    ],
    ids=["integer", "boolean", "number", "null", "array"],
)
def test_every_const_is_an_enum_or_its_type(const: JSON, prepared_as: JSON) -> None:
    document = spec({"responses": {"200": media("application/json", const)}})

    schema = operation_of(prepared(document, {}))["responses"]["200"]["content"]["application/json"]["schema"]

    assert schema == prepared_as
