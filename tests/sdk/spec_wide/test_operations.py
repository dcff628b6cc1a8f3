"""Every operation of openapi.json is generated, with its call variants, the moment the spec changes."""

from __future__ import annotations

import pytest

from scripts.oas import operations_of
from tests.sdk.spec_wide.harness import IDS, OPERATIONS, module_of
from tests.support.spec_contract import SPEC, Operation


def test_the_generator_handles_every_operation_in_the_spec() -> None:
    in_spec = {f"{method} {path}" for method, path, _ in operations_of(SPEC)}
    skipped = sorted(in_spec - set(IDS))
    assert not skipped, f"operations the generator skipped or could not handle: {skipped}"


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_every_operation_has_its_call_variants(op: Operation) -> None:
    module = module_of(op)
    variants = ["sync_detailed", "asyncio_detailed"]
    if any(response.type.kind != "any" for response in op.responses):  # plain sync/asyncio exist when typed
        variants += ["sync", "asyncio"]
    for variant in variants:
        assert callable(getattr(module, variant, None)), f"{op.id} has no {variant}()"
