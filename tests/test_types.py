"""The JSON type check behind every generated model field of a primitive type."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from jetemail_api_client.errors import SchemaViolation
from jetemail_api_client.types import UNSET, json_type

FIELD = attrs.fields(attrs.make_class("Example", {"value": attrs.field()})).value
ACCEPTED = [(bool, True), (str, ""), (int, 3), (int, -(2**70)), (float, 2.5), (float, 3), (str, UNSET), (int, UNSET)]
REFUSED = [(int, True), (float, False), (int, 2.5), (float, "2.5"), (str, None), (bool, 1), (str, b"bytes")]


@pytest.mark.parametrize(("expected", "value"), ACCEPTED)
def test_values_of_the_declared_json_type_or_unset_pass(expected: type, value: Any) -> None:
    json_type(expected)(None, FIELD, value)


@pytest.mark.parametrize(("expected", "value"), REFUSED)
def test_other_json_types_and_bools_for_numbers_are_refused(expected: type, value: Any) -> None:
    with pytest.raises(SchemaViolation, match=f"value must be {expected.__name__}, not {type(value).__name__}"):
        json_type(expected)(None, FIELD, value)
