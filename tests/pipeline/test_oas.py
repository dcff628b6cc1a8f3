"""Reading specs (scripts/oas.py): JSON or YAML from a path or URL, validated as OpenAPI 3.0 or 3.1 with the
problem and its place named, and the readers the tests and the stand-in derive their cases from."""

from __future__ import annotations

import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator, OAS31Validator

from scripts import oas
from scripts.oas import SpecError, read_document, spec_or_exit, validated

FIXTURES = oas.ROOT / "tests" / "fixtures"
BROKEN_YAML = next((FIXTURES / "resend").glob("027-*.yaml"))


def minimal(paths: dict[str, Any] | None = None, version: str = "3.0.3") -> dict[str, Any]:
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": paths or {}}


OK = {"responses": {"200": {"description": "ok"}}}


def test_operations_are_every_method_of_every_path_in_document_order() -> None:
    spec = {
        "paths": {
            "/b": {"post": OK, "parameters": [], "get": OK, "summary": "s", "x-extension": {"delete": OK}},
            "/a": {"trace": OK, "head": "not an operation"},
            "/c": "not a path item",
        }
    }
    found = [(method, path) for method, path, _ in oas.operations_of(spec)]
    assert found == [("GET", "/b"), ("POST", "/b"), ("TRACE", "/a")]
    assert list(oas.operations_of({"paths": None})) == []


def test_a_malformed_value_reads_as_empty() -> None:
    assert oas.mapping({"a": 1}) == {"a": 1}
    assert [oas.mapping(value) for value in (None, [1], "x", 3)] == [{}] * 4


@pytest.mark.parametrize(
    ("header", "kind"),
    [("Text/CSV; charset=utf-8", "text/csv"), ("application/json", "application/json"), ("nonsense", "text/plain")],
)
def test_media_types_are_parsed_as_the_generator_parses_them(header: str, kind: str) -> None:
    assert oas.media_type(header) == kind


def test_schema_types_are_a_string_or_a_list() -> None:
    assert oas.schema_types({"type": "string"}) == {"string"}
    assert oas.schema_types({"type": ["string", "null"]}) == {"string", "null"}
    assert oas.schema_types({}) == set() == oas.schema_types({"type": 3})


def test_the_json_schema_is_application_json_first_then_the_first_json_type() -> None:
    plain, vendor, other = {"type": "object"}, {"type": "array"}, {"type": "string"}
    content = {"application/vnd.b+json": {"schema": vendor}, "application/a+json": {"schema": other}}

    assert oas.json_schema_of({**content, "Application/JSON; charset=utf-8": {"schema": plain}}) == plain
    assert oas.json_schema_of(content) == other  # sorted: a+json before vnd.b+json
    assert oas.json_schema_of({"text/csv": {"schema": plain}}) is None
    assert oas.json_schema_of({"application/json": {}}) is None


def test_each_openapi_version_gets_its_schema_dialect() -> None:
    assert oas.schema_validator({"openapi": "3.1.0"}) is OAS31Validator
    assert oas.schema_validator({"openapi": "3.0.3"}) is OAS30Validator
    assert oas.schema_validator({}) is OAS30Validator


def test_the_vendored_spec_loads_and_validates() -> None:
    spec = oas.load_spec()
    assert spec == json.loads(oas.SPEC_PATH.read_text(encoding="utf-8"))
    assert validated(spec, "openapi.json") is spec


def test_yaml_reads_as_json_would_with_dates_and_statuses_as_strings(tmp_path: Path) -> None:
    source = tmp_path / "spec.yaml"
    paths = "paths:\n  /a: {get: {responses: {200: {description: ok}}}}\n"
    source.write_text(f"openapi: 3.0.3\ninfo: {{title: t, version: 2024-01-01}}\n{paths}", encoding="utf-8")

    document = read_document(str(source))

    assert document["info"]["version"] == "2024-01-01"
    assert list(document["paths"]["/a"]["get"]["responses"]) == ["200"]


def test_json_reads_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "spec.json"
    source.write_text(json.dumps(minimal()), encoding="utf-8")
    assert read_document(str(source)) == minimal()


@pytest.mark.parametrize("text", ["[1, 2]", "just words", "null"])
def test_a_document_without_a_mapping_at_the_top_is_refused(tmp_path: Path, text: str) -> None:
    source = tmp_path / "spec.yaml"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError, match=re.escape(f"{source} is not an OpenAPI document (no mapping at the top)")):
        read_document(str(source))


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=re.escape(f"{tmp_path / 'missing.json'}: cannot be read: ")):
        read_document(str(tmp_path / "missing.json"))
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SpecError, match="cannot be read"):
        read_document(str(binary))


def test_broken_yaml_is_named_with_its_line_and_column() -> None:
    with pytest.raises(SpecError) as raised:
        read_document(str(BROKEN_YAML))
    assert str(raised.value) == f"{BROKEN_YAML}:1838:34: not valid YAML: mapping values are not allowed here"


def test_broken_yaml_with_a_context_says_it(tmp_path: Path) -> None:
    source = tmp_path / "spec.yaml"
    source.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"spec.yaml:\d+:\d+: not valid YAML: .+ \(while parsing a flow sequence\)$"):
        read_document(str(source))


class Fixtures(SimpleHTTPRequestHandler):
    """Serves tests/fixtures; /latest redirects to one of them, as a spec's "latest" URL often does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(FIXTURES), **kwargs)

    def do_GET(self) -> None:
        if self.path == "/latest":
            self.send_response(302)
            self.send_header("Location", "/add-operation.yaml")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_spec_is_fetched_from_a_url_too_following_redirects() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), Fixtures) as server:
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            expected = read_document(str(FIXTURES / "add-operation.yaml"))
            assert read_document(f"{base}/add-operation.yaml") == expected
            assert read_document(f"{base}/latest") == expected
            with pytest.raises(SpecError, match=rf"^{base}/missing\.yaml: cannot be read: Client error '404"):
                read_document(f"{base}/missing.yaml")
        finally:
            server.shutdown()
            thread.join()


def test_an_http_error_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match=r"^http://127\.0\.0\.1:9/spec\.json: cannot be read: "):
        read_document("http://127.0.0.1:9/spec.json")  # the discard port: nothing listens


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"swagger": "2.0"}, "s.json: not an OpenAPI 3.0 or 3.1 document (openapi: None)"),
        ({**minimal(), "openapi": "3.2.0"}, "s.json: not an OpenAPI 3.0 or 3.1 document (openapi: '3.2.0')"),
        (
            {"openapi": "3.0.3", "paths": {}},
            "s.json: not valid OpenAPI at the top level: 'info' is a required property",
        ),
        (
            minimal({"/a": {"get": {"responses": {"200": {"description": 5}}}}}),
            "s.json: not valid OpenAPI at paths//a/get/responses/200: {'description': 5} is not valid under any of",
        ),
        (
            minimal(
                {
                    "/a": {
                        "get": {
                            **OK,
                            "parameters": [{"name": "q", "in": "query", "schema": {"type": "integer", "default": "x"}}],
                        }
                    }
                }
            ),
            "s.json: not valid OpenAPI at #/paths/~1a/get/parameters/0/schema/default: 'x' is not of type 'integer'",
        ),
        (
            minimal({"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Gone"}}}}}),
            "s.json: not valid OpenAPI at #/paths/~1a/get/responses/200/$ref: "
            "$ref #/components/responses/Gone resolves to nothing",
        ),
        (
            minimal({"/a": {"get": {"responses": {"200": {"$ref": "other.json#/x"}}}}}),
            "s.json: not valid OpenAPI at #/paths/~1a/get/responses/200/$ref: $ref other.json#/x resolves to nothing",
        ),
    ],
)
def test_invalid_documents_are_named_with_the_problem_and_where(document: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError) as raised:
        validated(document, "s.json")
    assert str(raised.value).startswith(message)


def test_31_documents_validate_too() -> None:
    document = minimal({"/a": {"get": OK}}, "3.1.0")
    assert validated(document, "s") is document


def test_where_is_a_json_pointer_to_the_first_place_holding_the_value() -> None:
    document = {"a~b": [{"c/d": 1}, {"e": 2}], "f": 1}
    assert oas._where(document, 1) == "#/a~0b/0/c~1d"
    assert oas._where(document, 2) == "#/a~0b/1/e"
    assert oas._where(document, {"e": 2}) == "#/a~0b/1"
    assert oas._where(document, 3) is None
    assert oas._where(document, document) is None  # the whole document is no place


def test_the_command_line_tools_exit_1_printing_the_problem(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        spec_or_exit(str(BROKEN_YAML))
    assert raised.value.code == 1
    assert capsys.readouterr().err == f"{BROKEN_YAML}:1838:34: not valid YAML: mapping values are not allowed here\n"


def test_validation_is_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "spec.json"
    source.write_text('{"openapi": "2.0"}', encoding="utf-8")

    assert spec_or_exit(str(source)) == {"openapi": "2.0"}
    with pytest.raises(SystemExit):
        spec_or_exit(str(source), validate=True)
    assert "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err


def test_examples_come_from_the_schema_or_its_properties() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "example": "n"},
            "nested": {
                "type": "object",
                "properties": {"id": {"type": "integer", "example": 1}, "no": {"type": "string"}},
            },
            "plain": {"type": "string"},
        },
    }
    assert oas.example_of(schema) == {"name": "n", "nested": {"id": 1}}
    assert oas.example_of({"example": None}) is None
    with pytest.raises(LookupError, match="no example"):
        oas.example_of({"type": "string"})


def test_path_patterns_match_concrete_paths_of_their_template() -> None:
    pattern = oas.path_pattern("/users/{id}/keys.{format}")
    assert pattern.match("/users/42/keys.json")
    assert not pattern.match("/users/42/x/keys.json")
    assert not pattern.match("/users/42/keysXjson")
    assert not pattern.match("/users/42/keys.json/more")


def test_dereferencing_follows_local_refs_and_leaves_recursion_alone() -> None:
    spec = {
        "components": {
            "schemas": {
                "A/B": {"type": "string"},
                "Node": {"properties": {"next": {"$ref": "#/components/schemas/Node"}}},
                "X~Y": {"type": "integer"},
            }
        },
        "root": [{"$ref": "#/components/schemas/A~1B"}, {"$ref": "#/components/schemas/X~0Y"}, {"$ref": "other.json"}],
        "node": {"$ref": "#/components/schemas/Node"},
    }

    resolved = oas.dereferenced(spec)

    assert resolved["root"] == [{"type": "string"}, {"type": "integer"}, {"$ref": "other.json"}]
    assert resolved["node"] == {"properties": {"next": {"$ref": "#/components/schemas/Node"}}}  # followed once
    assert oas.dereferenced(spec["node"], spec) == resolved["node"]


REFS = {
    "components": {
        "schemas": {
            "A/B": {"type": "string"},
            "A B": {"type": "number"},
            "Alias": {"$ref": "#/components/schemas/Alias2"},
            "Alias2": {"$ref": "#/components/schemas/A~1B"},
            "Loop": {"$ref": "#/components/schemas/Loop2"},
            "Loop2": {"$ref": "#/components/schemas/Loop"},
            "Remote": {"$ref": "other.json#/Thing"},
        }
    },
    "list": [{"type": "boolean"}],
}


SCHEMAS = "#/components/schemas/"


@pytest.mark.parametrize(
    ("start", "node", "refs", "unresolved"),
    [
        ("Alias", {"type": "string"}, ["Alias", "Alias2", "A~1B"], False),
        ("A%20B", {"type": "number"}, ["A%20B"], False),  # percent-escapes are decoded, as the validator does
        ("Loop", {"$ref": f"{SCHEMAS}Loop"}, ["Loop", "Loop2"], True),
        ("Remote", {"$ref": "other.json#/Thing"}, ["Remote"], True),
        ("Missing", {}, ["Missing"], False),
    ],
)
def test_following_refs_ends_at_an_object_a_loop_or_a_remote_ref(
    start: str, node: dict[str, Any], refs: list[str], unresolved: bool
) -> None:
    followed = oas.follow(REFS, {"$ref": f"{SCHEMAS}{start}"})

    assert followed == oas.Followed(node, tuple(f"{SCHEMAS}{name}" for name in refs))
    assert followed.unresolved is unresolved


def test_only_mappings_are_followed_into() -> None:
    assert oas.follow(REFS, {"$ref": "#/list/0"}) == oas.Followed({}, ("#/list/0",))  # as the generator reads refs


def test_a_node_that_is_no_ref_is_where_following_ends() -> None:
    assert oas.follow(REFS, {"type": "string"}) == oas.Followed({"type": "string"}, ())
    assert oas.follow(REFS, None) == oas.Followed({}, ())
    assert oas.follow(REFS, {"$ref": 3}) == oas.Followed({"$ref": 3}, ())
    assert not oas.follow(REFS, {"$ref": 3}).unresolved  # not a ref a spec can mean: nothing to follow


def test_pointing_reads_json_pointer_escapes() -> None:
    assert oas.pointed(REFS, "#/components/schemas/A~1B") == {"type": "string"}
    assert oas.pointed(REFS, "#/components/schemas/Missing/deeper") is None
