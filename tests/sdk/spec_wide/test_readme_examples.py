"""The package README (generated/README.md, rendered from the spec) holds Python a reader can paste: each
example compiles, whatever operation the spec puts first (tests/sdk/test_readme.py runs them for the seed spec)."""

from __future__ import annotations

import re

import pytest

from scripts.generate import OUTPUT

README = (OUTPUT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_the_package_readme_has_python_examples() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example {n}" for n in range(1, len(EXAMPLES) + 1)])
def test_each_readme_example_compiles(example: str) -> None:
    compile(example, "README.md", "exec")
