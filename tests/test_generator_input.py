"""What the generator is handed (scripts/generator_input.py): the same API, with what it cannot model made
explicit, and nothing else changed."""

from __future__ import annotations

import copy
from typing import Any

from scripts.generator_input import BINARY, RAW, fallbacks, prepared

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

    assert properties["properties"] == {"either": {"type": "boolean"}, "only": {"type": "boolean", "const": True}}


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
