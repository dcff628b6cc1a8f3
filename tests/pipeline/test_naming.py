"""The naming rule on its own: words, reason phrases, stability across updates, collisions."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest

from scripts import generator_view, naming
from scripts.oas import ROOT
from tests.support.spec_contract import CONFIG_PATH

BASELINE: dict[str, Any] = json.loads((ROOT / "tests" / "fixtures" / "baseline.json").read_text(encoding="utf-8"))
SOURCE = ROOT / "openapi.json"
JSON = "application/json"


def config(overrides: dict[str, str] | None = None) -> generator_view.ConfigFile:
    return generator_view.with_class_overrides(generator_view.config_file(CONFIG_PATH), overrides or {})


def names(spec: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, str]:
    if previous is None:
        return naming.policy(spec, config(), SOURCE, None)
    kept = config(names(previous))
    return naming.policy(spec, config(), SOURCE, (previous, kept))


def delete(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/outbound/smarthost"]["delete"]
    return operation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delete SMTP user", "DeleteSmtpUser"),
        ("listEmails", "ListEmails"),
        ("getAPIKey", "GetApiKey"),
        ("crème brûlée", "CremeBrulee"),
    ],
)
def test_operation_names_are_pascal_cased_words(text: str, expected: str) -> None:
    assert naming.pascal(text) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("200", "Ok"), ("204", "NoContent"), ("404", "NotFound"), ("422", "UnprocessableContent"),
     ("429", "TooManyRequests"), ("500", "ServerError"), ("520", "Status520"), ("2XX", "Success"),
     ("4XX", "ClientError"), ("default", "Default"),
     # RFC 9110's names, whatever the interpreter's http module says
     ("413", "ContentTooLarge"), ("414", "UriTooLong"), ("416", "RangeNotSatisfiable"), ("9XX", "Status9Xx")],
)  # fmt: skip
def test_roles_are_reason_phrases(pattern: str, expected: str) -> None:
    assert naming.reason(pattern) == expected


def test_the_rule_alone_gives_the_seed_its_names() -> None:
    assert names(BASELINE) == {
        "DeleteOutboundSmarthostBody": "DeleteSmtpUserRequest",
        "DeleteOutboundSmarthostResponse200": "DeleteSmtpUserOk",
        "DeleteOutboundSmarthostResponse400": "DeleteSmtpUserBadRequest",
        "DeleteOutboundSmarthostResponse401": "DeleteSmtpUserUnauthorized",
        "DeleteOutboundSmarthostResponse404": "DeleteSmtpUserNotFound",
        "DeleteOutboundSmarthostResponse500": "DeleteSmtpUserServerError",
    }


def test_names_survive_a_new_operation_id_and_summary() -> None:
    renamed = copy.deepcopy(BASELINE)
    delete(renamed)["operationId"] = "removeSmarthost"
    delete(renamed)["summary"] = "Remove a smarthost"
    delete(renamed)["responses"]["429"] = copy.deepcopy(delete(renamed)["responses"]["400"])

    kept = names(renamed, previous=BASELINE)

    assert kept["RemoveSmarthostResponse200"] == "DeleteSmtpUserOk"  # the generator's key moved, the name did not
    assert kept["RemoveSmarthostResponse429"] == "DeleteSmtpUserTooManyRequests"  # new ones follow the kept base
    assert names(renamed)["RemoveSmarthostResponse200"] == "RemoveSmarthostOk"  # with no history, the operationId


def test_two_operations_with_one_summary_get_distinct_names() -> None:
    twice = copy.deepcopy(BASELINE)
    twice["paths"]["/outbound/smarthost/legacy"] = {"delete": copy.deepcopy(delete(twice))}

    given = names(twice)

    assert len(set(given.values())) == len(given)
    assert given["DeleteOutboundSmarthostResponse200"] == "DeleteSmtpUserOk"
    assert given["DeleteOutboundSmarthostLegacyResponse200"] == "DeleteOutboundSmarthostLegacyOk"


def test_a_name_a_component_already_has_is_not_given_again() -> None:
    taken = copy.deepcopy(BASELINE)
    taken.setdefault("components", {}).setdefault("schemas", {})["DeleteSmtpUserOk"] = {"type": "object"}

    given = names(taken)

    assert "DeleteSmtpUserOk" not in given.values()
    assert given["DeleteOutboundSmarthostResponse200"] == "DeleteOutboundSmarthostOk"


def test_a_class_a_parameter_defines_is_not_given_again() -> None:
    clash = copy.deepcopy(BASELINE)
    delete(clash)["operationId"] = "deleteSmtpUser"  # its query enum `ok` becomes the class DeleteSmtpUserOk
    delete(clash)["parameters"] = [{"name": "ok", "in": "query", "schema": {"type": "string", "enum": ["a", "b"]}}]

    given = names(clash)

    assert "DeleteSmtpUserOk" not in given.values()
    assert len(set(given.values())) == len(given)


def test_a_second_content_type_keeps_the_request_name() -> None:
    both = copy.deepcopy(BASELINE)
    content = delete(both)["requestBody"]["content"]
    content["application/x-www-form-urlencoded"] = copy.deepcopy(content["application/json"])

    kept, fresh = names(both, previous=BASELINE), names(both)

    assert (
        kept["DeleteOutboundSmarthostJsonBody"] == fresh["DeleteOutboundSmarthostJsonBody"] == "DeleteSmtpUserRequest"
    )
    assert (
        kept["DeleteOutboundSmarthostDataBody"]
        == fresh["DeleteOutboundSmarthostDataBody"]
        == "DeleteSmtpUserFormRequest"
    )


def test_a_hand_picked_name_does_not_have_the_rules_shape() -> None:
    source_config = config()
    view = generator_view.view(BASELINE, source_config, SOURCE)
    components = naming.component_classes(BASELINE, source_config, SOURCE)
    picked = {**names(BASELINE), "DeleteOutboundSmarthostResponse200": "WhateverHandPicked"}

    assert naming.misnamed(view, components, names(BASELINE)) == []
    assert naming.misnamed(view, components, picked) == [
        "DeleteOutboundSmarthostResponse200 -> WhateverHandPicked (expected <OperationName>Ok)"
    ]


def test_a_response_that_is_a_component_keeps_the_components_name() -> None:
    shared = copy.deepcopy(BASELINE)
    responses = delete(shared)["responses"]
    shared.setdefault("components", {}).setdefault("schemas", {})["Problem"] = responses["400"]["content"][JSON][
        "schema"
    ]
    for status in ("400", "401"):
        responses[status]["content"][JSON]["schema"] = {"$ref": "#/components/schemas/Problem"}

    given = names(shared)

    assert "Problem" not in given and "Problem" not in given.values()
    assert not any(default.endswith(("Response400", "Response401")) for default in given)
    assert given["DeleteOutboundSmarthostResponse404"] == "DeleteSmtpUserNotFound"


def test_a_missing_or_misshapen_name_is_named() -> None:
    view = generator_view.view(BASELINE, config(), SOURCE)
    components = naming.component_classes(BASELINE, config(), SOURCE)
    given = names(BASELINE)
    missing = {key: value for key, value in given.items() if not key.endswith("200")}
    lowercase = {**given, "DeleteOutboundSmarthostResponse200": "deleteSmtpUserOk"}

    assert naming.misnamed(view, components, missing) == [
        "DeleteOutboundSmarthostResponse200 -> None (expected <OperationName>Ok)"
    ]
    assert naming.misnamed(view, components, lowercase) == [
        "DeleteOutboundSmarthostResponse200 -> deleteSmtpUserOk (expected <OperationName>Ok)"
    ]


def test_when_every_candidate_is_taken_the_policy_says_so() -> None:
    view = generator_view.view(BASELINE, config(), SOURCE)
    (endpoint,) = view.endpoints
    every = {f"{base}{role}" for base in naming._candidates(endpoint) for role in ("Ok", "Request")}

    with pytest.raises(SystemExit, match="the naming policy found no free class name for DELETE /outbound/smarthost"):
        naming.names(view, every, {})


def test_identities_record_which_name_each_role_has() -> None:
    view = generator_view.view(BASELINE, config(), SOURCE)
    given = names(BASELINE)

    found = naming.identities(view, set(), given)

    assert found[naming.Identity("DELETE /outbound/smarthost", "response 200", "")] == "DeleteSmtpUserOk"
    assert found[naming.Identity("DELETE /outbound/smarthost", "request json", "")] == "DeleteSmtpUserRequest"
    assert sorted(found.values()) == sorted(given.values())
    unnamed = naming.identities(view, set(), {})
    assert (
        unnamed[naming.Identity("DELETE /outbound/smarthost", "response 200", "")]
        == "DeleteOutboundSmarthostResponse200"
    )


def test_candidates_are_the_operation_id_the_summary_and_the_route_then_the_last_numbered() -> None:
    (endpoint,) = generator_view.view(BASELINE, config(), SOURCE).endpoints
    named = dataclasses.replace(endpoint, operation_id="2ndPurge", summary="Delete SMTP user")

    found = naming._candidates(named)

    # a name starting with a digit is no class name: the operationId is skipped; the route's name, numbered, last
    assert found == [
        "DeleteSmtpUser",
        "DeleteOutboundSmarthost",
        *(f"DeleteOutboundSmarthost{n}" for n in range(2, 100)),
    ]


def test_a_kept_name_is_taken_for_every_other_operation() -> None:
    twice = copy.deepcopy(BASELINE)
    twice["paths"]["/outbound/smarthost/legacy"] = {"delete": copy.deepcopy(delete(twice))}
    view = generator_view.view(twice, config(), SOURCE)
    kept = {naming.Identity("DELETE /outbound/smarthost/legacy", "response 200", ""): "DeleteSmtpUserOk"}

    given = naming.names(view, set(), kept)

    assert given["DeleteOutboundSmarthostLegacyResponse200"] == "DeleteSmtpUserOk"
    assert len(set(given.values())) == len(given)
