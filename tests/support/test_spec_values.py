"""The spec-wide tests' values (tests/spec_values.py) on the constructs of tests/fixtures/pattern-and-format.yaml and
size-capped-all-of.yaml: drawn to satisfy every keyword together, and read back by their schema, not by their look."""

from __future__ import annotations

from typing import Any

from hypothesis import find, given
from hypothesis import strategies as st

from scripts.oas import ROOT, dereferenced, read_document
from tests.support.spec_values import conforms, meaning, satisfiable, strategy

FIXTURES = ROOT / "tests" / "fixtures"


def schemas(fixture: str) -> dict[str, Any]:
    components: dict[str, Any] = dereferenced(read_document(str(FIXTURES / fixture)))["components"]["schemas"]
    return components


EVENT = schemas("pattern-and-format.yaml")["Event"]
PATTERNED_FORMATS = [name for name, field in EVENT["properties"].items() if "format" in field and "pattern" in field]
PATTERN_ONLY = [name for name, field in EVENT["properties"].items() if "format" not in field]


@given(data=st.data())
def test_a_string_with_a_format_and_a_pattern_satisfies_both(data: st.DataObject) -> None:
    value = data.draw(strategy(EVENT))

    assert PATTERNED_FORMATS and conforms(EVENT, value)


def test_a_plain_string_is_text_however_much_it_looks_like_a_date() -> None:
    for name in PATTERN_ONLY:
        field = EVENT["properties"][name]
        looks_like_a_date = find(strategy(field), lambda _: True)  # the simplest value: all zeros, year 0

        assert meaning(looks_like_a_date, field) == looks_like_a_date
        assert meaning({name: looks_like_a_date}, EVENT) == {name: looks_like_a_date}


@given(data=st.data())
def test_a_uuid_means_the_same_in_capitals(data: st.DataObject) -> None:
    value = data.draw(strategy(EVENT))
    for name in PATTERNED_FORMATS:
        spelled = {**value, name: value[name].swapcase()}

        assert meaning(spelled, EVENT) == meaning(value, EVENT)
        assert (meaning(spelled, True) == meaning(value, True)) == (spelled == value)  # with no schema, text is text


def test_an_object_wrapping_an_all_of_has_values() -> None:
    for name, schema in schemas("size-capped-all-of.yaml").items():
        assert satisfiable(schema), name
