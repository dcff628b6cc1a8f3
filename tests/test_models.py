"""Every generated model with extra properties keeps them as a mapping: set, read, test, list and delete."""

from __future__ import annotations

import inspect
from typing import Any

import jetemail_api_client.models
import pytest
from jetemail_api_client.errors import SchemaViolation

from tests.spec_contract import operations


def spec_examples() -> dict[str, Any]:
    """Each top-level body model of the spec with an example of it (the spec's own, or built from its schema)."""
    found: dict[str, Any] = {}
    for operation in operations():
        if operation.request_model_name and isinstance(operation.request_example, dict):
            found[operation.request_model_name] = operation.request_example
        for response in operation.responses:
            if response.model_name and isinstance(response.example, dict):
                found[response.model_name] = response.example
    return found


EXAMPLES = spec_examples()
MODELS = [
    model
    for name, model in inspect.getmembers(jetemail_api_client.models, inspect.isclass)
    if hasattr(model, "additional_keys") and name in EXAMPLES
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_extra_properties_behave_as_a_mapping(model: type) -> None:
    instance = model.from_dict({**EXAMPLES[model.__name__], "x-extra": [1, "two"]})  # type: ignore[attr-defined]
    assert "x-extra" in instance and "x-other" not in instance
    assert instance["x-extra"] == [1, "two"]
    assert "x-extra" in instance.additional_keys and "x-other" not in instance.additional_keys

    instance["x-other"] = {"nested": True}
    assert instance.additional_keys[-2:] == ["x-extra", "x-other"] and instance["x-other"] == {"nested": True}
    assert instance.to_dict()["x-other"] == {"nested": True}

    del instance["x-extra"]
    assert "x-extra" not in instance and "x-extra" not in instance.additional_keys
    with pytest.raises(KeyError):
        instance["x-extra"]


def test_there_are_models_to_check() -> None:
    assert MODELS


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("value", [[], "", 0, None, [["a", 1]]], ids=["[]", "empty string", "0", "null", "pairs"])
def test_a_model_is_read_from_a_json_object_only(model: type, value: object) -> None:
    with pytest.raises(SchemaViolation, match="JSON object"):
        model.from_dict(value)  # type: ignore[attr-defined]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_constructor_takes_the_spec_fields_only_extras_go_through_the_mapping(model: type) -> None:
    """Extra properties are set item by item (model["x-extra"] = ...), never by replacing the dict whole."""
    assert "additional_properties" not in inspect.signature(model).parameters
