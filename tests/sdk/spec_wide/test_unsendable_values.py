"""A header, cookie, query or path value HTTP cannot carry is refused with SchemaViolation before anything
is sent, instead of a bare UnicodeEncodeError or a protocol error halfway through."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jetemail_api_client.errors import SchemaViolation

from tests.sdk.spec_wide.harness import OPERATIONS, Recorder, draw, module_of
from tests.support.spec_contract import Operation

UNSENDABLE = {
    "header": ("line\r\nbreak", "null\0byte", "caf\u00e9", "\u2019quoted\u2019"),
    "cookie": ("line\nbreak", "caf\u00e9", "a; admin=true"),
    "query": ("\ud800",),  # a lone surrogate: no UTF-8 for it
    "path": ("\udfff", ""),  # no text; and nothing, which would leave the segment empty: another route
}
CASES = [
    (op, parameter.python_name, value)
    for op in OPERATIONS
    for parameter in op.parameters
    if parameter.type.kind == "str"  # a text argument: other types are typed out of this
    for value in UNSENDABLE.get(parameter.location, ())
]


@pytest.mark.skipif(not CASES, reason="the spec has no parameters")
@pytest.mark.parametrize(
    ("op", "argument", "value"), CASES, ids=[f"{op.id} {arg} {value!r}" for op, arg, value in CASES]
)
@settings(max_examples=1)
@given(data=st.data())
def test_a_value_http_cannot_carry_is_refused_before_sending(
    op: Operation, argument: str, value: Any, data: st.DataObject
) -> None:
    arguments = {**draw(op, data).kwargs, argument: value}
    recorder = Recorder()

    with pytest.raises(SchemaViolation, match=r"cannot be sent") as refused:
        module_of(op).sync_detailed(client=recorder.client(), **arguments)

    assert recorder.sent == []
    assert not value or value not in str(refused.value)  # the value may be a secret: never echoed
