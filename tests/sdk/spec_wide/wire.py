"""What a recorded request carried, read back by the spec: path segments, query values, headers, bodies."""

from __future__ import annotations

import email.parser
import email.policy
import json
from typing import Any
from urllib.parse import parse_qs

import httpx

from scripts.oas import schema_types
from tests.sdk.spec_wide.harness import CLIENT_COOKIE, Drawn, decoded, path_values
from tests.support.spec_contract import VALIDATOR, Operation, RequestBody
from tests.support.spec_values import for_validation, from_wire, meaning, to_json, wire_text


def same_text(schema: dict[str, Any], sent: str, drawn: Any) -> bool:
    """Whether a scalar sent as text means the drawn JSON value (read by the schema's type; with no type,
    the text is compared with the value's own spelling)."""
    if not schema_types(schema):
        return bool(meaning(sent, schema) == meaning(wire_text(drawn), schema))
    return bool(meaning(from_wire(schema, sent), schema) == meaning(drawn, schema))


def check_path(op: Operation, request: httpx.Request, drawn: Drawn) -> None:
    raw = request.url.raw_path.decode("ascii")
    segments = path_values(op, raw)
    for parameter in op.parameters:
        if parameter.location == "path":
            segment = segments[parameter.name]
            assert same_text(parameter.schema, decoded(segment), drawn.values[parameter.key]), (segment, drawn.values)
            assert segment.strip(".") or not segment, f"{parameter.name}: a dot segment {segment!r} was sent"


def check_query(op: Operation, request: httpx.Request, drawn: Drawn) -> None:
    params = request.url.params
    for parameter in (p for p in op.parameters if p.location == "query"):
        if parameter.key not in drawn.values:  # not given: left out, or sent as the spec's default
            sent = params.get_list(parameter.name)
            default = parameter.schema.get("default")
            assert not sent or (default is not None and same_text(parameter.schema, sent[0], default)), sent
            continue
        value = drawn.values[parameter.key]
        if value is None:  # the SDK leaves out a query parameter whose value is None
            assert parameter.name not in params
            continue
        expected = value.items() if isinstance(value, dict) else [(parameter.name, value)]
        for name, item in expected:
            items = item if isinstance(item, list) else [item]
            sent = params.get_list(name)
            item_schema = parameter.schema.get("items", {}) if isinstance(item, list) else parameter.schema
            assert len(sent) == len(items), (name, sent, items)
            assert all(same_text(item_schema, text, one) for text, one in zip(sent, items, strict=True)), (sent, items)


def check_cookies(op: Operation, request: httpx.Request, drawn: Drawn) -> None:
    header = request.headers.get("cookie", "")
    sent = dict(pair.split("=", 1) for pair in header.split("; ") if "=" in pair)
    if CLIENT_COOKIE not in {p.name for p in op.parameters if p.location == "cookie"}:
        assert sent.get(CLIENT_COOKIE) == "kept", f"the client's own cookie was lost: {header!r}"
    for parameter in (p for p in op.parameters if p.location == "cookie"):
        value = drawn.values.get(parameter.key)
        if value is None:
            assert parameter.name not in sent
        else:
            assert same_text(parameter.schema, sent[parameter.name], value), (parameter.name, header, value)


def check_headers(op: Operation, request: httpx.Request, drawn: Drawn) -> None:
    for parameter in (p for p in op.parameters if p.location == "header"):
        if drawn.values.get(parameter.key) is not None:
            value = drawn.values[parameter.key]
            sent = request.headers[parameter.name]
            if isinstance(value, list):
                item_schema = parameter.schema.get("items", {})
                assert all(same_text(item_schema, s, v) for s, v in zip(sent.split(","), value, strict=True))
            else:
                assert same_text(parameter.schema, sent, value), (parameter.name, sent, value)


def check_body(request: httpx.Request, drawn: Drawn) -> None:
    body = drawn.body
    if body is None:
        assert request.content == b""
        return
    value = drawn.body_value
    content_type = request.headers.get("content-type", "")
    if body.kind == "multipart":
        assert content_type.startswith("multipart/form-data"), content_type
        check_multipart(body, request, value)
        return
    assert content_type == body.content_type
    if body.kind == "json":
        payload = json.loads(request.content)
        if body.schema is not None:
            VALIDATOR(for_validation(body.schema)).validate(payload)
        assert meaning(payload, body.schema) == meaning(value, body.schema)
    elif body.kind == "form":  # httpx's form encoding: a list repeats its key, a null is empty
        sent = parse_qs(request.content.decode(), keep_blank_values=True)
        for name, item in value.items():
            if isinstance(item, dict):
                continue  # no standard spelling of a nested object in a form
            items = item if isinstance(item, list) else [item]
            schema = (body.schema or {}).get("properties", {}).get(name, {})
            schema = schema.get("items", {}) if isinstance(item, list) else schema
            texts = sent.get(name, [])
            assert len(texts) == len(items), (name, sent, item)
            for text, one in zip(texts, items, strict=True):
                assert text == "" if one is None else same_text(schema, text, one), (name, sent, item)
    else:  # raw bytes
        assert request.content == value.encode("latin-1")


def check_multipart(body: RequestBody, request: httpx.Request, value: dict[str, Any]) -> None:
    """Each field one part (a list field one part per item), a file as its bytes, an object as JSON, a scalar
    as its text; a null has no spelling in form-data and is left out."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    parts: dict[str, list[bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        parts.setdefault(str(name), []).append(payload if isinstance(payload, bytes) else b"")
    properties = (body.schema or {}).get("properties", {})
    for name, item in value.items():
        schema = properties.get(name)
        if not name.isprintable() or '"' in name:
            continue  # no Content-Disposition can name it: what the server reads is undefined
        if item is None:
            assert name not in parts, (name, parts[name])
            continue
        repeated = schema is not None and "array" in schema_types(schema) and isinstance(item, list)
        items, item_schema = (item, (schema or {}).get("items", {})) if repeated else ([item], schema or {})
        sent = parts.get(name, [])
        assert len(sent) == len(items), (name, sent, items)
        for raw, one in zip(sent, items, strict=True):
            if item_schema.get("format") == "binary":
                assert raw == one.encode("latin-1")
            elif isinstance(one, dict | list) or (schema is None and not isinstance(one, str)):
                assert meaning(json.loads(raw), item_schema) == meaning(to_json(one), item_schema), (name, raw, one)
            else:
                assert same_text(item_schema, raw.decode(), one), (name, raw, one)
