"""Every request carries what the spec describes: the route with its path parameters percent-encoded,
query parameters, headers and the body (JSON, form, multipart or raw bytes), all compared by meaning."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.spec_contract import Operation
from tests.spec_wide.harness import BASE_URL, IDS, OPERATIONS, Recorder, draw, send
from tests.spec_wide.wire import check_body, check_cookies, check_headers, check_path, check_query


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_requests_carry_what_the_spec_describes(op: Operation, data: st.DataObject) -> None:
    drawn = draw(op, data)
    recorder = Recorder()

    send(op, recorder.client(), drawn.kwargs)

    (request,) = recorder.sent
    assert request.method == op.method
    base = httpx.URL(BASE_URL)
    assert (request.url.scheme, request.url.host, request.url.port) == (base.scheme, base.host, base.port)
    check_path(op, request, drawn)
    check_query(op, request, drawn)
    check_headers(op, request, drawn)
    check_cookies(op, request, drawn)
    check_body(request, drawn)
