"""Every generated model with extra properties keeps them as a mapping: set, read, test, list and delete."""

from __future__ import annotations

import contextlib
import inspect
from typing import Any

import jetemail_api_client.models
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jetemail_api_client.errors import SchemaViolation

from scripts.oas import example_of
from tests.support.spec_contract import operations
from tests.support.spec_values import conforms, strategy

EXTRA = ("x-extra", "x-other")  # the extra properties the test sets


def spec_schemas() -> dict[str, Any]:
    """Each top-level body model of the spec with its schema."""
    found: dict[str, Any] = {}
    for operation in operations():
        if operation.request_model_name and operation.request_schema is not None:
            found[operation.request_model_name] = operation.request_schema
        for response in operation.responses:
            if response.model_name and response.schema is not None:
                found[response.model_name] = response.schema
    return found


def values_of(model: type) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects valid for the model's schema, without the extra properties the test sets: the spec's own example
    where it is valid (one assembled from its properties' examples lacks the required properties that have none),
    and values drawn from the schema."""
    schema = SCHEMAS[model.__name__]
    drawn = strategy(schema).filter(lambda value: isinstance(value, dict) and not set(EXTRA) & set(value))
    with contextlib.suppress(LookupError):  # no example, and none to assemble
        if isinstance(example := example_of(schema), dict) and conforms(schema, example):
            return st.just(example) | drawn
    return drawn


SCHEMAS = spec_schemas()
MODELS = [
    model
    for name, model in inspect.getmembers(jetemail_api_client.models, inspect.isclass)
    if hasattr(model, "additional_keys") and name in SCHEMAS
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@given(data=st.data())
def test_extra_properties_behave_as_a_mapping(model: type, data: st.DataObject) -> None:
    instance = model.from_dict({**data.draw(values_of(model)), "x-extra": [1, "two"]})  # type: ignore[attr-defined]
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
