"""The custom templates change exactly the files their upstream templates render, nothing else.

Regenerating with and without templates/ shows the customisation whole: the same file list, and
differences only in the modules rendered by the overridden templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.generate import CONFIG, TEMPLATES, generate_into, tree_files
from scripts.oas import load_spec
from tests.support.spec_contract import package_name, view

pytestmark = pytest.mark.drift  # regenerates, like the drift check

UPSTREAM = "openapi-python-client 0.29.1"
FENCE = ("CHANGE START", "CHANGE END")


def rendered_by(template: str, tree: Path) -> set[str]:
    """The files of `tree` that the upstream template of that name renders."""
    package = package_name()
    names = {path.relative_to(tree).as_posix() for path in tree_files(tree)}
    enums = {f"{package}/models/{module}.py" for module in view().enums.values()}  # str_ and int_enum.py.jinja's
    models = {n for n in names if n.startswith(f"{package}/models/") and not n.endswith("__init__.py")} - enums
    endpoints = {n for n in names if n.startswith(f"{package}/api/") and not n.endswith("__init__.py")}
    by_template = {
        "client.py.jinja": {f"{package}/client.py"},
        "package_init.py.jinja": {f"{package}/__init__.py"},
        "str_enum.py.jinja": enums,
        "int_enum.py.jinja": enums,
        "pyproject_uv.toml.jinja": {"pyproject.toml"},
        "README.md.jinja": {"README.md"},
        "api_init.py.jinja": {f"{package}/api/__init__.py"},
        "model.py.jinja": models,
        "endpoint_module.py.jinja": endpoints,
    }
    if template.startswith("property_templates/"):  # they render into the models and endpoints with such a property
        return models | endpoints
    return by_template[template]


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bounded")
    generate_into(root / "custom", load_spec(), CONFIG)
    generate_into(root / "stock", load_spec(), CONFIG, templates=None)
    return root / "custom", root / "stock"


def test_exactly_the_files_of_the_overridden_templates_differ(trees: tuple[Path, Path]) -> None:
    custom, stock = trees
    custom_files = {p.relative_to(custom).as_posix(): p.read_bytes() for p in tree_files(custom)}
    stock_files = {p.relative_to(stock).as_posix(): p.read_bytes() for p in tree_files(stock)}
    assert custom_files.keys() == stock_files.keys(), "templates must not add or remove files"

    differing = {name for name in custom_files if custom_files[name] != stock_files[name]}
    overridden = sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.jinja"))
    expected = set().union(*(rendered_by(template, stock) for template in overridden))

    assert differing == expected


@pytest.mark.parametrize(
    "template", sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.jinja"))
)
def test_each_override_names_its_upstream_and_fences_its_changes(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert template in first_line and UPSTREAM in first_line, first_line
    starts, ends = text.count(FENCE[0]), text.count(FENCE[1])
    assert starts >= 1 and starts == ends, f"{template}: {starts} CHANGE START, {ends} CHANGE END"
