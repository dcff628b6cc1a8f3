"""The API-surface diff: what the vendored spec's maintainer sees when openapi.json is updated."""

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from scripts.diff.http_surface import Change, Field, Operation, diff, main, render, surface

JSON = dict[str, Any]
# The spec as first vendored, frozen: these cases stay true however openapi.json evolves.
REAL: JSON = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "baseline.json").read_text(encoding="utf-8")
)
OP = "DELETE /outbound/smarthost"


def real() -> JSON:
    """A deep copy of the vendored spec, free to mutate."""
    return copy.deepcopy(REAL)


def smarthost(spec: JSON) -> JSON:
    operation: JSON = spec["paths"]["/outbound/smarthost"]["delete"]
    return operation


def request_schema(spec: JSON) -> JSON:
    schema: JSON = smarthost(spec)["requestBody"]["content"]["application/json"]["schema"]
    return schema


def response_schema(spec: JSON, status: str) -> JSON:
    schema: JSON = smarthost(spec)["responses"][status]["content"]["application/json"]["schema"]
    return schema


def json_body(schema: JSON) -> JSON:
    return {"content": {"application/json": {"schema": schema}}}


def synthetic(operation: JSON, components: JSON | None = None, version: str = "3.0.3", **path_item: Any) -> JSON:
    """A one-operation spec: `GET /things` with the given operation object."""
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"get": operation, **path_item}},
        "components": components or {},
    }


# --- surface ---------------------------------------------------------------------------------------------------


def test_surface_of_the_vendored_spec() -> None:
    errors = {"success": Field("boolean", False), "error": Field("string", False)}
    assert surface(REAL) == {
        OP: Operation(
            parameters={},
            request={"username": Field("string", True)},
            responses={
                "200": {"success": Field("boolean", False), "message": Field("string", False)},
                "400": errors,
                "401": errors,
                "404": errors,
                "500": errors,
            },
            request_types=frozenset({"application/json"}),
            response_types=dict.fromkeys(["200", "400", "401", "404", "500"], frozenset({"json"})),
        )
    }
    assert surface(REAL)[OP].statuses == frozenset({"200", "400", "401", "404", "500"})


def test_nested_objects_and_arrays_flatten_to_dotted_paths_required_only_along_a_required_path() -> None:
    schema = {
        "type": "object",
        "required": ["user", "tags"],
        "properties": {
            "user": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "address": {"$ref": "#/components/schemas/Address"}},
            },
            "tags": {"type": "array", "items": {"type": "string"}},
            "items": {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {}}}},
        },
    }
    address = {"type": "object", "required": ["street"], "properties": {"street": {"type": "string"}}}
    spec = synthetic({"responses": {"200": json_body(schema)}}, {"schemas": {"Address": address}})
    assert surface(spec)["GET /things"].responses["200"] == {
        "user": Field("object", True),
        "user.name": Field("string", True),
        "user.address": Field("object", False),
        "user.address.street": Field("string", False),  # required in Address, but Address itself is optional
        "tags": Field("array", True),
        "tags[]": Field("string", True),
        "items": Field("array", False),
        "items[]": Field("object", False),
        "items[].id": Field("any", False),
    }


def test_a_top_level_array_body_is_keyed_from_its_items() -> None:
    schema = {
        "type": "array",
        "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
    }
    spec = synthetic({"responses": {"200": json_body(schema)}})
    assert surface(spec)["GET /things"].responses["200"] == {
        "[]": Field("object", True),
        "[].id": Field("integer", True),
    }


def test_refs_to_request_bodies_responses_and_schemas_are_resolved() -> None:
    components: JSON = {
        "requestBodies": {"NewThing": {"$ref": "#/components/requestBodies/Aliased"}},
        "responses": {"Thing": json_body({"$ref": "#/components/schemas/Thing"})},
        "schemas": {
            "Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
            "Name~/Odd": {"type": "string"},
        },
    }
    components["requestBodies"]["Aliased"] = json_body(
        {"type": "object", "properties": {"name": {"$ref": "#/components/schemas/Name~0~1Odd"}}}
    )
    spec = synthetic(
        {
            "requestBody": {"$ref": "#/components/requestBodies/NewThing"},
            "responses": {"201": {"$ref": "#/components/responses/Thing"}},
        },
        components,
    )
    operation = surface(spec)["GET /things"]
    assert operation.request == {"name": Field("string", False)}
    assert operation.responses == {"201": {"id": Field("integer", True)}}


def test_recursive_schemas_are_recorded_once_without_looping() -> None:
    components = {
        "schemas": {
            "Node": {
                "type": "object",
                "required": ["children"],
                "properties": {
                    "value": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "parent": {"allOf": [{"$ref": "#/components/schemas/Node"}]},
                },
            },
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "SelfAll": {"allOf": [{"$ref": "#/components/schemas/SelfAll"}, {"properties": {"x": {"type": "string"}}}]},
        }
    }
    node = {"$ref": "#/components/schemas/Node"}
    loops = {"type": "object", "properties": {"loop": {"$ref": "#/components/schemas/Loop"}}}
    spec = synthetic(
        {
            "requestBody": json_body({"$ref": "#/components/schemas/SelfAll"}),
            "responses": {"200": json_body(node), "201": json_body(loops)},
        },
        components,
    )
    operation = surface(spec)["GET /things"]
    assert operation.responses["200"] == {
        "value": Field("string", False),
        "children": Field("array", True),
        "children[]": Field("object", True),
        "parent": Field("object", False),
    }
    assert operation.responses["201"] == {"loop": Field("any", False)}
    assert operation.request == {"x": Field("string", False)}


def test_all_of_merges_properties_and_required_names() -> None:
    components = {
        "schemas": {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
            "Named": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"name": {"type": "string"}}}]},
        }
    }
    # `origin` reuses a ref its parent was built from, without recursion: it is still expanded.
    own = {"required": ["name"], "properties": {"extra": {}, "origin": {"$ref": "#/components/schemas/Base"}}}
    schema = {"allOf": [{"$ref": "#/components/schemas/Named"}, own]}
    spec = synthetic({"responses": {"200": json_body(schema)}}, components)
    assert surface(spec)["GET /things"].responses["200"] == {
        "id": Field("integer", True),
        "name": Field("string", True),
        "extra": Field("any", False),
        "origin": Field("object", False),
        "origin.id": Field("integer", False),
    }


def test_type_lists_and_nullable_spell_the_same_type_in_3_0_and_3_1() -> None:
    schema_31 = {"type": "object", "properties": {"a": {"type": ["string", "null"]}, "b": {"type": ["integer"]}}}
    schema_30 = {"type": "object", "properties": {"a": {"type": "string", "nullable": True}, "b": {"type": "integer"}}}
    spec_31 = synthetic({"responses": {"200": json_body(schema_31)}}, version="3.1.0")
    spec_30 = synthetic({"responses": {"200": json_body(schema_30)}})
    expected = {"a": Field("null|string", False), "b": Field("integer", False)}
    assert surface(spec_31)["GET /things"].responses["200"] == expected
    assert surface(spec_30)["GET /things"].responses["200"] == expected
    assert diff(spec_30, spec_31) == []


def test_only_json_content_has_properties_but_every_status_counts() -> None:
    text: JSON = {"content": {"text/plain": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}
    problem: JSON = {"content": {"application/problem+json; charset=utf-8": {"schema": {"properties": {"title": {}}}}}}
    both: JSON = {
        "content": {
            "application/vnd.x+json": {"schema": {"properties": {"vendor": {}}}},
            "application/json": {"schema": {"properties": {"plain": {}}}},
        }
    }
    responses = {"200": both, "204": {"description": "none"}, "4XX": problem, "default": text}
    operation = surface(synthetic({"responses": responses}))["GET /things"]
    assert operation.statuses == frozenset({"200", "204", "4XX", "default"})
    assert operation.responses == {
        "200": {"plain": Field("any", False)},
        "204": {},
        "4XX": {"title": Field("any", False)},
        "default": {},
    }


def test_parameters_merge_path_and_operation_levels_after_resolving_refs() -> None:
    components = {
        "parameters": {
            "Limit": {"name": "limit", "in": "query", "schema": {"$ref": "#/components/schemas/Count"}},
            "Trace": {"name": "X-Trace-Id", "in": "header", "schema": {"type": "string"}},
        },
        "schemas": {"Count": {"type": "integer"}},
    }
    operation = {
        "parameters": [
            {"name": "username", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "required": True, "schema": {"type": "integer"}},  # overrides path level
            {"name": "session", "in": "cookie", "schema": {"type": "string"}},
        ],
        "responses": {"200": {"description": "ok"}},
    }
    path_level = [{"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Trace"}]
    spec = synthetic(operation, components, parameters=path_level)
    assert surface(spec)["GET /things"].parameters == {
        "query.limit": Field("integer", True),
        "header.x-trace-id": Field("string", False),
        "path.username": Field("string", True),
    }


# --- diff: operations and statuses ---------------------------------------------------------------------------


def test_diff_of_a_spec_with_itself_is_empty() -> None:
    assert diff(REAL, real()) == []
    assert render(diff(REAL, REAL)) == "no API-surface changes"


def test_operations_added_and_removed() -> None:
    new = real()
    new["paths"]["/outbound/smarthost"]["get"] = {"responses": {"200": {"description": "ok"}}}
    new["paths"]["/x"] = new["paths"].pop("/outbound/smarthost")
    assert diff(REAL, new) == [
        Change(OP, "operation removed", "", True),
        Change("DELETE /x", "operation added", "", False),
        Change("GET /x", "operation added", "", False),
    ]


def test_statuses_added_and_removed() -> None:
    new = real()
    responses = smarthost(new)["responses"]
    responses["429"] = {"description": "Too many requests"}
    del responses["500"]
    assert diff(REAL, new) == [
        Change(OP, "status added", "429", False),
        Change(OP, "status removed", "500", True),
    ]


# --- diff: request fields --------------------------------------------------------------------------------------


def test_request_field_added_is_breaking_only_when_required() -> None:
    new = real()
    schema = request_schema(new)
    schema["properties"]["force"] = {"type": "boolean"}
    schema["properties"]["reason"] = {"type": "string"}
    schema["required"].append("reason")
    assert diff(REAL, new) == [
        Change(OP, "request field added", "force (boolean, optional)", False),
        Change(OP, "request field added", "reason (string, required)", True),
    ]


def test_request_field_removed_and_type_changed_are_breaking() -> None:
    removed, retyped = real(), real()
    del request_schema(removed)["properties"]["username"]
    request_schema(retyped)["properties"]["username"]["type"] = "integer"
    assert diff(REAL, removed) == [Change(OP, "request field removed", "username", True)]
    assert diff(REAL, retyped) == [Change(OP, "request field type changed", "username: string -> integer", True)]


def test_a_request_may_take_more_types_and_a_response_may_send_fewer() -> None:
    nullable = real()
    request_schema(nullable)["properties"]["username"]["nullable"] = True
    response_schema(nullable, "200")["properties"]["message"]["nullable"] = True
    assert diff(REAL, nullable) == [
        Change(OP, "request field type changed", "username: string -> null|string", False),
        Change(OP, "response field type changed", "200 message: string -> null|string", True),
    ]
    assert [change.breaking for change in diff(nullable, REAL)] == [True, False]


def test_a_changed_default_is_new_behaviour_not_breaking() -> None:
    defaulted = real()
    request_schema(defaulted)["properties"]["username"]["default"] = "smtp-user1"
    assert diff(REAL, defaulted) == [
        Change(OP, "request field default changed", 'username: (none) -> "smtp-user1"', False)
    ]


def test_request_field_now_optional_is_safe_and_now_required_is_breaking() -> None:
    optional = real()
    request_schema(optional)["required"] = []
    assert diff(REAL, optional) == [Change(OP, "request field now optional", "username", False)]
    assert diff(optional, REAL) == [Change(OP, "request field now required", "username", True)]


def test_parameter_changes_are_request_field_changes() -> None:
    def spec(*parameters: JSON) -> JSON:
        return synthetic({"parameters": list(parameters), "responses": {"200": {"description": "ok"}}})

    limit = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
    page = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    old = spec(limit, page, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}})
    new = spec(
        {**limit, "required": True},
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
        {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
        {"name": "X-Debug", "in": "header", "schema": {"type": "boolean"}},
    )
    assert diff(old, new) == [
        Change("GET /things", "request field added", "header.x-debug (boolean, optional)", False),
        Change("GET /things", "request field added", "query.q (string, required)", True),
        Change("GET /things", "request field now required", "query.limit", True),
        Change("GET /things", "request field removed", "query.page", True),
        Change("GET /things", "request field type changed", "path.id: string -> integer", True),
    ]


# --- diff: response fields -------------------------------------------------------------------------------------


def test_response_field_added_removed_and_type_changed() -> None:
    new = real()
    response_schema(new, "200")["properties"]["id"] = {"type": "integer"}
    response_schema(new, "200")["properties"]["ids"] = {"type": "array", "items": {"type": "integer"}}
    response_schema(new, "200")["required"] = ["ids"]
    del response_schema(new, "400")["properties"]["error"]
    response_schema(new, "404")["properties"]["success"]["type"] = "string"
    assert diff(REAL, new) == [
        Change(OP, "response field added", "200 id (integer, optional)", False),
        Change(OP, "response field added", "200 ids (array, required)", False),  # a new guarantee breaks nobody
        Change(OP, "response field removed", "400 error", True),
        Change(OP, "response field type changed", "404 success: boolean -> string", True),
    ]


def test_response_field_now_required_is_safe_and_now_optional_is_breaking() -> None:
    required = real()
    response_schema(required, "200")["required"] = ["success"]
    assert diff(REAL, required) == [Change(OP, "response field now required", "200 success", False)]
    assert diff(required, REAL) == [Change(OP, "response field now optional", "200 success", True)]


def test_a_removed_or_added_object_is_reported_once_not_per_nested_field() -> None:
    user = {"type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {}}}}
    old = synthetic({"responses": {"200": json_body({"type": "object", "properties": {"user": user}})}})
    new = synthetic({"responses": {"200": json_body({"type": "object", "properties": {"account": user}})}})
    assert diff(old, new) == [
        Change("GET /things", "response field added", "200 account (object, optional)", False),
        Change("GET /things", "response field removed", "200 user", True),
    ]


def test_fields_of_a_new_or_removed_status_are_not_reported_separately() -> None:
    new = real()
    responses = smarthost(new)["responses"]
    responses["201"] = responses.pop("200")
    assert diff(REAL, new) == [Change(OP, "status added", "201", False), Change(OP, "status removed", "200", True)]


# --- ordering, rendering and the command line ------------------------------------------------------------------


def test_changes_are_ordered_by_operation_then_kind_then_detail() -> None:
    new = real()
    new["paths"]["/a"] = {"post": {"responses": {"200": {"description": "ok"}}}}
    operation = smarthost(new)
    del operation["responses"]["404"]
    del operation["responses"]["401"]
    response_schema(new, "200")["properties"]["b"] = {"type": "string"}
    response_schema(new, "200")["properties"]["a"] = {"type": "string"}
    request_schema(new)["properties"]["username"]["type"] = "integer"
    assert [(c.operation, c.kind, c.detail) for c in diff(REAL, new)] == [
        (OP, "request field type changed", "username: string -> integer"),
        (OP, "response field added", "200 a (string, optional)"),
        (OP, "response field added", "200 b (string, optional)"),
        (OP, "status removed", "401"),
        (OP, "status removed", "404"),
        ("POST /a", "operation added", ""),
    ]


def test_render_flags_breaking_changes_and_counts_them() -> None:
    changes = [
        Change(OP, "status removed", "500", True),
        Change("GET /x", "operation added", "", False),
        Change("GET /x", "response field added", "200 id (integer, optional)", False),
    ]
    assert render(changes) == (
        "BREAKING  DELETE /outbound/smarthost: status removed 500\n"
        "          GET /x: operation added\n"
        "          GET /x: response field added 200 id (integer, optional)\n"
        "3 changes, 1 breaking"
    )
    assert render(changes[1:2]) == "          GET /x: operation added\n1 change, 0 breaking"
    assert render([]) == "no API-surface changes"


def test_main_reads_json_and_yaml_and_always_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps(REAL), encoding="utf-8")
    # Unquoted YAML statuses load as ints: they must still match the JSON spec's "200".
    new = tmp_path / "new.yml"
    new.write_text(
        "openapi: 3.0.0\n"
        "paths:\n"
        "  /outbound/smarthost:\n"
        "    delete:\n"
        "      requestBody:\n"
        "        content:\n"
        "          application/json:\n"
        "            schema: {type: object, required: [username], properties: {username: {type: string}}}\n"
        "      responses:\n"
        "        200:\n"
        "          content:\n"
        "            application/json:\n"
        "              schema: {type: object, properties: {success: {type: boolean}, message: {type: string}}}\n",
        encoding="utf-8",
    )
    assert main([str(old), str(new)]) == 0
    assert capsys.readouterr().out == (
        "BREAKING  DELETE /outbound/smarthost: status removed 400\n"
        "BREAKING  DELETE /outbound/smarthost: status removed 401\n"
        "BREAKING  DELETE /outbound/smarthost: status removed 404\n"
        "BREAKING  DELETE /outbound/smarthost: status removed 500\n"
        "4 changes, 4 breaking\n"
    )
    assert main([str(old), str(old)]) == 0
    assert capsys.readouterr().out == "no API-surface changes\n"


def test_a_renamed_path_parameter_is_the_same_route() -> None:
    old = synthetic(
        {"parameters": [{"name": "ruleUuid", "in": "path", "required": True, "schema": {}}], "responses": {}}
    )
    old["paths"] = {"/rules/{ruleUuid}": old["paths"].pop("/things")}
    new = copy.deepcopy(old)
    new["paths"] = {"/rules/{rule_uuid}": new["paths"].pop("/rules/{ruleUuid}")}
    new["paths"]["/rules/{rule_uuid}"]["get"]["parameters"][0]["name"] = "rule_uuid"

    assert diff(old, new) == []


def test_what_the_sdk_reads_is_what_counts_in_a_response() -> None:
    json_only, vendor_json, with_xml, text = (real() for _ in range(4))
    vendor_json_content = smarthost(vendor_json)["responses"]["200"]["content"]
    vendor_json_content["application/vnd.jetemail+json"] = vendor_json_content.pop("application/json")
    smarthost(with_xml)["responses"]["200"]["content"]["application/xml"] = {"schema": {"type": "string"}}
    text_content = smarthost(text)["responses"]["200"]["content"]
    text_content["text/plain"] = text_content.pop("application/json")

    assert diff(json_only, vendor_json) == diff(json_only, with_xml) == diff(with_xml, json_only) == []
    assert Change(OP, "response content changed", "200 json -> text", True) in diff(json_only, text)


def test_an_integer_request_field_may_become_a_number() -> None:
    integer, number = real(), real()
    request_schema(integer)["properties"]["username"] = {"type": "integer"}
    request_schema(number)["properties"]["username"] = {"type": "number"}

    assert diff(integer, number) == [Change(OP, "request field type changed", "username: integer -> number", False)]
    assert [change.breaking for change in diff(number, integer)] == [True]


def test_a_nested_request_field_that_becomes_required_is_breaking_under_an_optional_parent() -> None:
    schema = {"type": "object", "properties": {"address": {"type": "object", "properties": {"street": {}}}}}
    old = synthetic({"requestBody": json_body(schema), "responses": {}})
    new = copy.deepcopy(old)
    new["paths"]["/things"]["get"]["requestBody"]["content"]["application/json"]["schema"]["properties"]["address"][
        "required"
    ] = ["street"]

    assert diff(old, new) == [Change("GET /things", "request field now required", "address.street", True)]


def test_enum_values_of_an_array_parameter_are_seen() -> None:
    tags = {"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["a"]}}}
    old = synthetic({"parameters": [tags], "responses": {}})
    new = copy.deepcopy(old)
    new["paths"]["/things"]["get"]["parameters"][0]["schema"]["items"]["enum"] = ["a", "b"]

    assert diff(old, new) == [Change("GET /things", "request field enum value added", 'query.tags[]: "b"', False)]


def test_a_union_is_its_members_types_with_their_properties_optional() -> None:
    components = {
        "schemas": {
            "Card": {"type": "object", "required": ["number"], "properties": {"number": {"type": "string"}}},
            "Loop": {"oneOf": [{"$ref": "#/components/schemas/Loop"}, {"type": "integer"}]},
        }
    }
    schema = {
        "type": "object",
        "properties": {
            "payment": {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"type": "string"}]},
            "amount": {"anyOf": [{"type": "integer"}, {"type": "number", "nullable": True}]},
            "loop": {"$ref": "#/components/schemas/Loop"},
        },
    }
    spec = synthetic({"responses": {"200": json_body(schema)}}, components)

    assert surface(spec)["GET /things"].responses["200"] == {
        "payment": Field("object|string", False),
        "payment.number": Field("string", False),  # required by one member only
        "amount": Field("integer|null|number", False),
        "loop": Field("integer", False),  # the member that is the union itself adds nothing
    }


def test_a_schema_without_a_type_is_typed_by_what_it_has() -> None:
    schema = {
        "type": "object",
        "properties": {
            "object": {"properties": {"a": {}}},
            "array": {"items": {"type": "string"}},
            "nothing": {},
            "nullable": {"nullable": True},
            "stamp": {"type": "string", "format": "date-time"},
            "email": {"type": "string", "format": "email"},
            "number": {"type": "integer", "format": "date-time"},
        },
    }
    fields = surface(synthetic({"responses": {"200": json_body(schema)}}))["GET /things"].responses["200"]

    assert {name: field.type for name, field in fields.items() if "." not in name and "[" not in name} == {
        "object": "object",
        "array": "array",
        "nothing": "any",
        "nullable": "null",
        "stamp": "string(date-time)",
        "email": "string",
        "number": "integer",
    }


def test_a_const_is_an_enum_of_one_value() -> None:
    schema = {"type": "object", "properties": {"kind": {"const": "card"}, "size": {"enum": [2, 1]}, "x": {"enum": 3}}}
    fields = surface(synthetic({"responses": {"200": json_body(schema)}}))["GET /things"].responses["200"]

    assert (fields["kind"].enum, fields["size"].enum, fields["x"].enum) == (('"card"',), ("1", "2"), ())


@pytest.mark.parametrize(
    ("side", "enum_added_breaks", "enum_dropped_breaks"), [("request", True, False), ("response", False, True)]
)
def test_an_enum_that_appears_or_goes_breaks_the_side_that_relies_on_it(
    side: str, enum_added_breaks: bool, enum_dropped_breaks: bool
) -> None:
    def spec(**color: Any) -> JSON:
        schema = {"type": "object", "properties": {"color": {"type": "string", **color}}}
        where = {"requestBody": json_body(schema), "responses": {}} if side == "request" else {}
        return synthetic(where or {"responses": {"200": json_body(schema)}})

    label = "" if side == "request" else "200 "
    free, closed, fewer = spec(), spec(enum=["red", "blue"]), spec(enum=["red"])

    assert diff(free, closed) == [
        Change("GET /things", f"{side} field enum changed", f"{label}color: any value -> enum", enum_added_breaks)
    ]
    assert diff(closed, free) == [
        Change("GET /things", f"{side} field enum changed", f"{label}color: enum -> any value", enum_dropped_breaks)
    ]
    assert diff(closed, fewer) == [
        Change("GET /things", f"{side} field enum value removed", f'{label}color: "blue"', True)
    ]


def test_request_content_types_added_and_removed() -> None:
    def spec(*kinds: str) -> JSON:
        return synthetic({"requestBody": {"content": {kind: {"schema": {}} for kind in kinds}}, "responses": {}})

    assert diff(spec("application/json"), spec("application/json", "Text/CSV")) == [
        Change("GET /things", "request content type added", "text/csv", False)
    ]
    assert diff(spec("application/json", "text/csv"), spec("text/csv")) == [
        Change("GET /things", "request content type removed", "application/json", True)
    ]


def test_form_and_multipart_fields_are_compared_under_their_content_type() -> None:
    def spec(**form: JSON) -> JSON:
        schema = {"type": "object", "required": ["file"], "properties": {"file": {"type": "string"}, **form}}
        content = {"multipart/form-data": {"schema": schema}, "application/x-www-form-urlencoded": {"schema": schema}}
        return synthetic({"requestBody": {"content": content}, "responses": {}})

    assert diff(spec(), spec(note={"type": "string"})) == [
        Change(
            "GET /things", "request field added", "<application/x-www-form-urlencoded> note (string, optional)", False
        ),
        Change("GET /things", "request field added", "<multipart/form-data> note (string, optional)", False),
    ]
    forms = surface(spec())["GET /things"].forms
    assert forms["multipart/form-data"] == {"file": Field("string", True)}


@pytest.mark.parametrize("argv", [[], ["one.json"], ["a", "b", "c"]])
def test_main_needs_two_specs(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "python -m scripts.diff.http_surface OLD NEW" in capsys.readouterr().err


def test_a_surface_and_its_changes_cannot_be_changed_in_place() -> None:
    operation = surface(real())[OP]
    (change,) = diff(real(), {**real(), "paths": {}})

    with pytest.raises(dataclasses.FrozenInstanceError):
        operation.request = {}  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.breaking = False  # type: ignore[misc]
    assert {change, dataclasses.replace(change)} == {change}  # hashable, compared by value
