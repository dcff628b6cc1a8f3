"""The layout rule of the resource-style clients (scripts/resources.py), on specs built for it: each case is
a sentence of the rule as its docstring and the README state it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts import generator_view, resources
from tests.support.spec_contract import CONFIG_PATH

OK = {"200": {"description": "ok"}}


def spec_of(paths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}


def operation(**extra: Any) -> dict[str, Any]:
    return {"responses": OK, **extra}


def param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def placed(paths: dict[str, dict[str, Any]], tmp_path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(METHOD, path) -> ("chain.method", flat_body)."""
    spec = spec_of(paths)
    view = generator_view.view(spec, generator_view.config_file(CONFIG_PATH, class_overrides={}), tmp_path / "s.json")
    keys = {f"{endpoint.tag}/{endpoint.name}": (endpoint.method, endpoint.path) for endpoint in view.endpoints}
    return {keys[p.key]: (".".join((*p.chain, p.method)), p.flat_body) for p in resources.layout(view)}


def with_params(path: str, **methods: dict[str, Any]) -> dict[str, Any]:
    names = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
    return {"parameters": [param(name) for name in names], **methods}


def test_collections_items_and_actions_follow_the_literal_segments(tmp_path: Path) -> None:
    paths = {
        "/domains": {"get": operation(), "post": operation()},
        "/domains/{domain_id}": with_params(
            "/domains/{domain_id}", get=operation(), patch=operation(), put=operation(), delete=operation()
        ),
        "/domains/{domain_id}/verify": with_params("/domains/{domain_id}/verify", post=operation()),
        "/emails/{email_id}/attachments": with_params("/emails/{email_id}/attachments", get=operation()),
        "/outbound/smarthost": {"delete": operation(), "put": operation()},
        "/api-keys/{apiKeyId}": with_params("/api-keys/{apiKeyId}", delete=operation()),
        "/events/send": {"post": operation()},
        "/{job_id}/cancel": with_params("/{job_id}/cancel", post=operation()),
        "/": {"head": operation()},
    }
    assert {where: name for where, (name, _) in placed(paths, tmp_path).items()} == {
        ("GET", "/domains"): "domains.list",
        ("POST", "/domains"): "domains.create",
        ("GET", "/domains/{domain_id}"): "domains.get",
        ("PATCH", "/domains/{domain_id}"): "domains.update",
        ("PUT", "/domains/{domain_id}"): "domains.replace",  # beside a PATCH
        ("DELETE", "/domains/{domain_id}"): "domains.delete",
        ("POST", "/domains/{domain_id}/verify"): "domains.verify",  # an action
        ("GET", "/emails/{email_id}/attachments"): "emails.attachments.list",
        ("DELETE", "/outbound/smarthost"): "outbound.smarthost.delete",
        ("PUT", "/outbound/smarthost"): "outbound.smarthost.update",  # no PATCH there
        ("DELETE", "/api-keys/{apiKeyId}"): "api_keys.delete",
        ("POST", "/events/send"): "events.send.create",  # after a literal: a resource, not an action
        ("POST", "/{job_id}/cancel"): "cancel",  # an action on the client itself
        ("HEAD", "/"): "head",  # on the client itself
    }


def test_names_python_cannot_use_or_the_clients_reserve_are_made_safe(tmp_path: Path) -> None:
    paths = {"/import/close": {"get": operation()}, "/2024/with_raw_response": {"get": operation()}}
    assert sorted(name for name, _ in placed(paths, tmp_path).values()) == [
        "import_.close_.list",
        "r_2024.with_raw_response_.list",
    ]


def test_collisions_fall_back_to_the_module_function_name(tmp_path: Path) -> None:
    paths = {
        # POST /a/{id}/b is the action a.b, but a.b is also the resource of POST /a/b
        "/a/{id}/b": with_params("/a/{id}/b", post=operation(operationId="runB")),
        "/a/b": {"post": operation()},
    }
    assert placed(paths, tmp_path) == {
        ("POST", "/a/{id}/b"): ("a.run_b", False),
        ("POST", "/a/b"): ("a.b.create", False),
    }


def body(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, **extra}
    return {"requestBody": {"content": {"application/json": {"schema": schema}}}}


@pytest.mark.parametrize(
    ("fields", "flat"),
    [
        ({"name": {"type": "string"}}, True),
        ({"domain_id": {"type": "string"}}, False),  # a path parameter's name
        ({"timeout": {"type": "integer"}}, False),  # an option every method has
        ({}, False),  # nothing to flatten
    ],
)
def test_a_json_body_is_flattened_unless_a_field_would_collide(
    fields: dict[str, Any], flat: bool, tmp_path: Path
) -> None:
    paths = {"/domains/{domain_id}": with_params("/domains/{domain_id}", patch=operation(**body(fields)))}
    assert placed(paths, tmp_path) == {("PATCH", "/domains/{domain_id}"): ("domains.update", flat)}


def test_a_fallback_that_collides_again_is_qualified_by_its_tag(tmp_path: Path) -> None:
    paths = {
        "/a-b": {"get": operation(operationId="get")},  # a_b.list, as GET /a_b: both fall back...
        "/a_b": {"get": operation()},
        "/a_b/{id}": with_params("/a_b/{id}", get=operation()),  # ...and "get" is this one's
    }
    names = {where: name for where, (name, _) in placed(paths, tmp_path).items()}
    assert names == {
        ("GET", "/a-b"): "a_b.default_get",  # "get" twice: both qualified by their tag (default)
        ("GET", "/a_b"): "a_b.get_a_b",
        ("GET", "/a_b/{id}"): "a_b.default_get_a_b_id",
    }


def test_what_cannot_be_placed_stops_the_generation_naming_it(tmp_path: Path) -> None:
    paths: dict[str, dict[str, Any]] = {
        "/t": {"get": operation(operationId="twin")},
        "/t/": {"get": operation(operationId="twin_")},  # the same resource and names, whatever the fallback
    }
    with pytest.raises(SystemExit, match="cannot place"):
        placed(paths, tmp_path)
