"""The Python API diff (scripts/diff/python_api.py) on small packages shaped like the generated one: what griffe
finds, what it adds (new objects, retyped fields, parameters and returns, reordered constructors), each judged by
the way data flows; the version string masked; and the judgement of a changed annotation on its own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts.diff import python_api
from scripts.diff.http_surface import Change
from scripts.generator_view import Body, Endpoint, Model, Param, PyType, Reply, View

PACKAGE = "pkg"
MODEL = """\
from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .types import UNSET, Unset


@_attrs_define
class {name}:
{fields}
    additional_properties: dict = _attrs_field(init=False, factory=dict)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)
"""
TYPES = "class Unset: ...\n\nUNSET = Unset()\n"


def tree(root: Path, version: str = "1.0.0", **modules: str) -> Path:
    """A generated/ folder holding `pkg` with these modules (dotted names are subpackages' modules)."""
    package = root / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(f'__version__ = "{version}"\nAPI_VERSION = "{version}"\n', encoding="utf-8")
    (package / "types.py").write_text(TYPES, encoding="utf-8")
    for name, source in modules.items():
        path = package.joinpath(*name.split(".")).with_suffix(".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent != package and not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("", encoding="utf-8")
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def model(name: str, *fields: str) -> str:
    return MODEL.format(name=name, fields="\n".join(f"    {field}" for field in fields))


def changes(
    tmp_path: Path,
    old: dict[str, str],
    new: dict[str, str],
    flows: dict[str, set[str]] | None = None,
    versions: tuple[str, str] = ("1.0.0", "1.0.0"),
) -> list[Change]:
    before = python_api.load(tree(tmp_path / "old", versions[0], **old), PACKAGE, versions[0])
    after = python_api.load(tree(tmp_path / "new", versions[1], **new), PACKAGE, versions[1])
    return python_api.diff(before, after, flows or {})


def one(found: list[Change]) -> Change:
    assert len(found) == 1, found
    return found[0]


def test_a_version_bump_alone_is_no_change_and_neither_is_the_api_version(tmp_path: Path) -> None:
    module = {"client": 'USER_AGENT = "pkg/1.0.0"\n'}
    assert changes(tmp_path, module, {"client": 'USER_AGENT = "pkg/2.0.0"\n'}, versions=("1.0.0", "2.0.0")) == []


def test_an_unmasked_value_change_is_new_behaviour(tmp_path: Path) -> None:
    found = one(changes(tmp_path, {"client": 'BASE = "https://a"\n'}, {"client": 'BASE = "https://b"\n'}))
    assert found == Change("client.BASE", "value changed", "'https://a' -> 'https://b'", False)


def test_removed_objects_are_breaking_and_named_by_their_kind(tmp_path: Path) -> None:
    old = {"api.users": "def get(): ...\ndef delete(): ...\n", "models.user": "class User: ...\n", "models.team": ""}
    new = {"api.users": "def get(): ...\n", "models.team": ""}

    assert changes(tmp_path, old, new) == [
        Change("api.users.delete", "function removed", "", True),
        Change("models.user", "module removed", "", True),
    ]


def test_a_new_module_is_reported_once_and_new_members_each(tmp_path: Path) -> None:
    old = {"api.users": "def get(): ...\n"}
    new = {
        "api.users": "def get(): ...\ndef _helper(): ...\nclass Page: ...\n",
        "api.teams": "def a(): ...\ndef b(): ...\n",
    }

    assert changes(tmp_path, old, new) == [
        Change("api.teams", "module added", "", False),
        Change("api.users.Page", "class added", "", False),
    ]


def test_re_exports_and_private_names_are_not_api_but_the_version_is(tmp_path: Path) -> None:
    old = {"models.user": "class User: ...\n"}
    new = {"models.user": "class User: ...\n_cache = {}\n", "models.__init__": "from .user import User\n"}
    assert changes(tmp_path, old, new) == []

    public = python_api._public(python_api.load(tree(tmp_path / "v"), PACKAGE, "1.0.0"))
    assert "__version__" in public and "API_VERSION" not in public and "types.Unset" in public


def test_arguments_may_widen_returns_may_narrow_and_a_widened_return_is_new_behaviour(tmp_path: Path) -> None:
    old = {"api.users": "def get(name: str, limit: int) -> User | None: ...\n"}
    new = {"api.users": "def get(name: str | None, limit: bool) -> User | Team | None: ...\n"}

    assert changes(tmp_path, old, new) == [
        Change("api.users.get", "return type widened (new behaviour)", "+ Team", False),
        Change("api.users.get(limit)", "parameter type changed", "int -> bool", True),
        Change("api.users.get(name)", "parameter type changed", "+ None", False),
    ]


def test_a_narrowed_return_is_compatible_and_a_changed_one_breaks(tmp_path: Path) -> None:
    narrowed = changes(tmp_path / "a", {"m": "def f() -> A | B: ...\n"}, {"m": "def f() -> A: ...\n"})
    assert narrowed == [Change("m.f", "return type changed", "- B", False)]
    changed = changes(tmp_path / "b", {"m": "def f() -> A: ...\n"}, {"m": "def f() -> B: ...\n"})
    assert changed == [Change("m.f", "return type changed", "A -> B", True)]


def test_a_parameter_griffe_reports_is_its_breakage(tmp_path: Path) -> None:
    found = one(changes(tmp_path, {"m": "def f(a: int, b: int = 1): ...\n"}, {"m": "def f(a: int): ...\n"}))
    assert (found.operation, found.kind, found.breaking) == ("m.f", "parameter was removed", True)
    assert found.detail == "f(b): Parameter was removed"  # griffe's explanation, less its file and line; no colours


REQUEST_FLOWS = {"Req": {"in"}, "Rep": {"out"}, "Both": {"in", "out"}}


@pytest.mark.parametrize(("name", "breaking"), [("Req", True), ("Rep", False), ("Both", True), ("Unknown", True)])
def test_a_field_that_becomes_required_breaks_whoever_builds_the_model(
    tmp_path: Path, name: str, breaking: bool
) -> None:
    old = {"models.m": model(name, "a: str | Unset = _attrs_field(default=UNSET)")}
    new = {"models.m": model(name, "a: str = _attrs_field()")}

    found = changes(tmp_path, old, new, REQUEST_FLOWS)

    if name == "Rep":  # a response's field that is always there now: narrower, nothing breaks
        assert found == [Change(f"models.m.{name}.a", "field type changed", "- Unset", False)]
    else:  # said once: the type only lost Unset
        assert found == [
            Change(f"models.m.{name}.a", "field now required", "a request model's constructor needs it", breaking)
        ]


def test_a_required_field_that_also_changes_type_is_said_twice(tmp_path: Path) -> None:
    old = {"models.m": model("Req", "a: str | Unset = _attrs_field(default=UNSET)")}
    new = {"models.m": model("Req", "a: int")}

    assert changes(tmp_path, old, new, REQUEST_FLOWS) == [
        Change("models.m.Req.a", "field now required", "a request model's constructor needs it", True),
        Change("models.m.Req.a", "field type changed", "str | Unset -> int", True),
    ]


@pytest.mark.parametrize(
    ("name", "widened", "narrowed"), [("Req", False, True), ("Rep", True, False), ("Both", True, True)]
)
def test_field_types_are_judged_by_the_way_data_flows(tmp_path: Path, name: str, widened: bool, narrowed: bool) -> None:
    def field_change(old: str, new: str, where: str) -> Change:
        return one(
            changes(
                tmp_path / where,
                {"models.m": model(name, f"a: {old}")},
                {"models.m": model(name, f"a: {new}")},
                REQUEST_FLOWS,
            )
        )

    assert field_change("str", "str | None", "wide").breaking is widened
    assert field_change("str | None", "str", "narrow").breaking is narrowed


def test_a_new_required_field_breaks_request_models_only(tmp_path: Path) -> None:
    old = {"models.m": model("Req", "a: str") + model("Rep", "a: str")}
    new = {
        "models.m": model("Req", "a: str", "b: str", "c: str | Unset = _attrs_field(default=UNSET)")
        + model("Rep", "a: str", "b: str")
    }

    assert changes(tmp_path, old, new, REQUEST_FLOWS) == [
        Change("models.m.Rep.b", "attribute added", "", False),
        Change("models.m.Req.b", "required field added", "a request model's constructor needs it", True),
        Change("models.m.Req.c", "attribute added", "", False),
    ]


def test_an_enum_member_that_changes_its_wire_value_breaks(tmp_path: Path) -> None:
    enum = "from enum import Enum\n\nclass Status(str, Enum):\n    ACTIVE = {value!r}\n"
    found = one(changes(tmp_path, {"models.s": enum.format(value="active")}, {"models.s": enum.format(value="on")}))
    assert found == Change("models.s.Status.ACTIVE", "enum value changed", "'active' -> 'on'", True)


def test_a_model_field_declaration_is_judged_by_its_type_not_its_value(tmp_path: Path) -> None:
    old = {"models.m": model("Rep", "a: str | Unset = _attrs_field(default=UNSET)")}
    new = {"models.m": model("Rep", "a: str | Unset = _attrs_field(default=UNSET, validator=None)")}
    assert changes(tmp_path, old, new, REQUEST_FLOWS) == []


def test_fields_that_swap_places_swap_their_meaning(tmp_path: Path) -> None:
    old = {"models.m": model("Req", "a: str", "b: int", "c: int") + model("Rep", "a: str", "b: int")}
    new = {"models.m": model("Req", "b: int", "a: str", "c: int") + model("Rep", "b: int", "a: str")}

    assert changes(tmp_path, old, new, REQUEST_FLOWS) == [
        Change("models.m.Rep", "constructor argument order changed", "a, b -> b, a", False),
        Change("models.m.Req", "constructor argument order changed", "a, b, c -> b, a, c", True),
    ]
    unknown = changes(
        tmp_path / "unknown", {"models.m": model("M", "a: str", "b: int")}, {"models.m": model("M", "b: int", "a: str")}
    )
    assert one(unknown).breaking  # a class of unknown flow may be built by someone


def test_a_field_added_or_removed_elsewhere_is_not_a_reordering(tmp_path: Path) -> None:
    old = {"models.m": model("Req", "a: str", "b: int", "c: int")}
    new = {"models.m": model("Req", "z: int", "a: str", "c: int")}

    kinds = {change.kind for change in changes(tmp_path, old, new, REQUEST_FLOWS)}

    assert "constructor argument order changed" not in kinds


def test_arguments_that_become_keyword_only_break_positional_callers(tmp_path: Path) -> None:
    old = {"models.m": model("Req", "a: str", "b: int", "c: int")}
    new = {
        "models.m": model("Req", "a: str", "b: int = _attrs_field(kw_only=True)", "c: int = _attrs_field(kw_only=True)")
    }

    assert one(changes(tmp_path, old, new, REQUEST_FLOWS)) == Change(
        "models.m.Req", "constructor arguments now keyword-only", "b, c", True
    )
    whole = {
        "models.m": model("Req", "a: str", "b: int", "c: int").replace("@_attrs_define", "@_attrs_define(kw_only=True)")
    }
    assert one(changes(tmp_path / "whole", old, whole, REQUEST_FLOWS)).detail == "a, b, c"


def test_what_the_constructor_takes(tmp_path: Path) -> None:
    source = model("M", "_a: str = _attrs_field(alias='a')", "b: int = _attrs_field(kw_only=True)", "__c: int = 1")
    module = python_api.load(tree(tmp_path, **{"m": source + "class Plain:\n    x: int\n"}), PACKAGE, "1.0.0")

    assert python_api._constructor_fields(module["m.M"]) == [("a", False), ("b", True)]
    assert python_api._constructor_fields(module["m.Plain"]) == []


def test_changes_are_sorted_by_object_then_kind(tmp_path: Path) -> None:
    old = {"b": "def f(x: int) -> int: ...\n", "a": "def g(): ...\n"}
    new = {"b": "def f(x: str) -> str: ...\ndef h(): ...\n", "a": "def g(): ...\ndef z(): ...\n"}

    found = changes(tmp_path, old, new)

    assert [(c.operation, c.kind) for c in found] == sorted((c.operation, c.kind) for c in found)
    assert [c.operation for c in found] == ["a.z", "b.f", "b.f(x)", "b.h"]


def endpoint(
    params: tuple[PyType, ...] = (), bodies: tuple[PyType, ...] = (), replies: tuple[PyType, ...] = ()
) -> Endpoint:
    return Endpoint(
        method="POST",
        path="/x",
        name="post_x",
        tag="default",
        operation_id=None,
        summary="",
        params=tuple(Param("p", "p", "query", False, kind) for kind in params),
        bodies=tuple(Body("application/json", "json", True, kind) for kind in bodies),
        replies=tuple(Reply("200", 200, 200, "json", kind) for kind in replies),
    )


def models(**fields: dict[str, PyType]) -> dict[str, Model]:
    return {
        name: Model(name, name.lower(), dict.fromkeys(types, "x"), frozenset(), types) for name, types in fields.items()
    }


def ref(name: str) -> PyType:
    return PyType("model", name, name.lower())


def test_directions_follow_bodies_parameters_and_responses_through_fields_lists_and_unions() -> None:
    view = View(
        endpoints=(
            endpoint(params=(PyType("enum", "Sort", "sort"),), bodies=(ref("Req"),)),
            endpoint(replies=(PyType("union", items=(ref("Rep"), PyType("list", items=(ref("Page"),)))),)),
        ),
        models=models(
            Req=dict(item=ref("Item"), tags=PyType("list", items=(ref("Tag"),))),
            Rep=dict(item=ref("Item"), next=ref("Rep")),  # a model that refers to itself
            Page=dict(),
            Item=dict(),
            Tag=dict(),
        ),
        enums={"Sort": "sort"},
        errors=(),
    )

    assert python_api.directions(view) == {
        "Sort": {"in"},
        "Req": {"in"},
        "Item": {"in", "out"},
        "Tag": {"in"},
        "Rep": {"out"},
        "Page": {"out"},
    }


def test_the_api_version_is_not_compared_even_when_only_it_changes(tmp_path: Path) -> None:
    before = tree(tmp_path / "old")
    after = tree(tmp_path / "new")
    init = after / PACKAGE / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace('API_VERSION = "1.0.0"', 'API_VERSION = "9"'), "utf-8")

    old, new = (python_api.load(root, PACKAGE, "0.0.0") for root in (before, after))

    assert python_api.diff(old, new, {}) == []


def test_an_object_that_changes_kind_is_griffes_to_report(tmp_path: Path) -> None:
    found = changes(tmp_path, {"m": "def thing(): ...\n"}, {"m": "class thing: ...\n"})

    assert [(c.operation, c.breaking) for c in found] == [("m.thing", True)]
    assert "kind" in found[0].kind


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
    assert python_api.members(annotation) == expected


def judged(old: str, new: str, role: str) -> Change:
    (change,) = python_api._judge("x", old, new, role, "field")
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
