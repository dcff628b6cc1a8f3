"""The judgement of the Python API diff (scripts/api_diff.py) and the semver levels (scripts/sdk_diff.py);
the update-spec and replay tests run them end to end."""

from __future__ import annotations

import pytest

from scripts.api_diff import _judge, members
from scripts.spec_surface import Change


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("str | None | Unset", {"str", "None", "Unset"}),
        ("list[str | int] | Unset", {"list[str | int]", "Unset"}),
        ("Response[A | B]", {"Response[A]", "Response[B]"}),  # a generic of a union stands for the union
        ("dict[str, A | B]", {"dict[str, A | B]"}),  # but not one with several arguments
        (None, set()),
    ],
)
def test_union_members(annotation: str | None, expected: set[str]) -> None:
    assert members(annotation) == expected


def judged(old: str, new: str, role: str) -> Change:
    (change,) = _judge("x", old, new, role, "field")
    return change


def test_arguments_may_widen_and_returned_values_may_narrow() -> None:
    assert not judged("str", "str | None", "in").breaking
    assert judged("str | None", "str", "in").breaking
    assert not judged("str | None", "str", "out").breaking
    assert judged("str", "str | None", "out").breaking
    assert judged("str", "int", "both").breaking


def test_an_int_argument_may_become_a_float_but_a_returned_int_may_not() -> None:
    assert not judged("int | Unset", "float | Unset", "in").breaking
    assert judged("int | Unset", "float | Unset", "out").breaking


def test_a_widened_return_is_new_behaviour_and_names_what_came() -> None:
    change = judged("A | B | None", "A | B | C | None", "return")
    assert not change.breaking
    assert change.kind == "return type widened (new behaviour)" and change.detail == "+ C"
    assert judged("A | B", "A | C", "return").breaking
