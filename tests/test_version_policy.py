"""The version policy: info.version, then .postN for new generated code under an unchanged info.version."""

from __future__ import annotations

import pytest

from scripts.oas import load_spec
from scripts.version_policy import built_version, next_version, violation


def test_the_committed_build_is_the_one_its_version_names() -> None:
    assert violation() is None, violation()


def test_the_built_version_follows_the_spec() -> None:
    spec_version = str(load_spec()["info"]["version"])
    assert built_version() == spec_version or built_version().startswith(f"{spec_version}.post")


@pytest.mark.parametrize(
    ("spec_version", "pinned", "expected"),
    [
        ("1.0.0", "1.0.0", "1.0.0.post1"),  # new code, same spec version: first post-release
        ("1.0.0", "1.0.0.post1", "1.0.0.post2"),
        ("1.0.0", "1.0.0.post9", "1.0.0.post10"),
        ("1.1.0", "1.0.0.post3", "1.1.0"),  # a new spec version starts clean
        ("1.1.0", "1.0.0", "1.1.0"),
    ],
)
def test_next_version(spec_version: str, pinned: str, expected: str) -> None:
    assert next_version(spec_version, pinned) == expected
