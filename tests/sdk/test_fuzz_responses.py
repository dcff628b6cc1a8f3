"""Whatever the server sends, a call ends in a documented model or one of the SDK's own errors.

2,000 hypothesis-generated responses (any status 100-599, any content type, random bytes, random
JSON, schema-shaped JSON) go through all four call variants; derandomized, so CI replays the same.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import jetemail_api_client.models
from hypothesis import given, settings
from hypothesis import strategies as st
from jetemail_api_client.errors import JetEmailError, UnexpectedStatus

from tests.support.calls import OPERATION, VARIANTS, call, client_for, parsed
from tests.support.profiles import examples
from tests.support.spec_values import strategy

DOCUMENTED_MODELS = {
    response.status: getattr(jetemail_api_client.models, response.model_name or "", type(None))
    for response in OPERATION.responses
}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)
SCHEMA_SHAPED = st.one_of(
    [strategy(response.schema) for response in OPERATION.responses if response.schema is not None]
)
BODIES = st.one_of(
    st.binary(max_size=300),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    SCHEMA_SHAPED.map(lambda value: json.dumps(value).encode()),
)
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-8",
        "application/problem+json",
        "text/html; charset=iso-8859-1",
        "text/plain",
        "application/octet-stream",
        "multipart/form-data; boundary=x",
    ]
)
STATUSES = st.one_of(st.sampled_from(OPERATION.statuses), st.integers(min_value=100, max_value=599))


def outcome(variant: str, handler: Any, raise_on_unexpected_status: bool) -> Any:
    """The call's parsed result, or the SDK error it raised; any other exception escapes and fails the test."""
    try:
        return parsed(
            variant, call(variant, client_for(handler, raise_on_unexpected_status=raise_on_unexpected_status))
        )
    except JetEmailError as error:
        return error


@settings(max_examples=examples(2000))
@given(status=STATUSES, content_type=CONTENT_TYPES, body=BODIES, raise_on_unexpected_status=st.booleans())
def test_any_response_gives_a_documented_model_or_an_sdk_error(
    status: int, content_type: str | None, body: bytes, raise_on_unexpected_status: bool
) -> None:
    headers = {"content-type": content_type} if content_type else {}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=body)

    for variant in VARIANTS:
        result = outcome(variant, handler, raise_on_unexpected_status)
        if status in DOCUMENTED_MODELS:
            assert isinstance(result, DOCUMENTED_MODELS[status] | JetEmailError), (variant, result)
            assert not isinstance(result, UnexpectedStatus)
        elif raise_on_unexpected_status:
            assert isinstance(result, UnexpectedStatus) and result.status_code == status, (variant, result)
        else:
            assert result is None, (variant, result)
