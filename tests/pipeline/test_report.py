"""The SDK-level diff as a whole (scripts/diff/report.py): both halves compared on the committed SDK and copies of
it, the behaviour an added status changes, the report as update-spec and diff-spec print it, the bump."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts import generator_config, generator_view
from scripts.diff.http_surface import Change
from scripts.diff.report import Report, Side, _handled_before, _with_behaviour, compare, describe
from scripts.generator_view import PyType
from scripts.oas import ROOT, load_spec, operations_of

PACKAGE = str(generator_config.load()["package_name_override"])


def side_copy(root: Path, spec: dict[str, Any] | None = None) -> Side:
    """The committed spec, config and generated/ copied to `root`."""
    root.mkdir(parents=True)
    for name in ("openapi.json", generator_config.CONFIG.name):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "generated", root / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return Side(spec if spec is not None else load_spec(), root)


def test_the_committed_sdk_against_itself_is_no_change() -> None:
    report = compare(Side(load_spec(), ROOT), Side(load_spec(), ROOT))

    assert (report.http, report.python, report.code_changed, report.bump) == ([], [], False, "none")


def test_a_version_bump_alone_is_no_change(tmp_path: Path) -> None:
    new = side_copy(tmp_path / "new")
    old_version = new.version
    for path in [new.config, *generated_files(new)]:
        path.write_text(path.read_text(encoding="utf-8").replace(old_version, "99.0.0"), encoding="utf-8")

    assert new.version == "99.0.0"
    assert compare(Side(load_spec(), ROOT), new).bump == "none"


def generated_files(side: Side) -> list[Path]:
    """The files that name the version: code, metadata and the package README."""
    return [path for path in side.generated.rglob("*") if path.is_file() and path.suffix in (".py", ".toml", ".md")]


def test_code_that_changed_but_not_its_api_is_a_patch(tmp_path: Path) -> None:
    new = side_copy(tmp_path / "new")
    client = new.generated / PACKAGE / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")

    report = compare(Side(load_spec(), ROOT), new)

    assert (report.changes, report.code_changed, report.bump) == ([], True, "patch")


def with_status(spec: dict[str, Any], status: str) -> tuple[dict[str, Any], str, str]:
    """The spec with `status` documented on its first operation like the operation's first response."""
    changed = copy.deepcopy(spec)
    method, path, operation = next(operations_of(changed))
    responses = operation["responses"]
    responses[status] = copy.deepcopy(next(iter(responses.values())))
    changed["info"]["version"] = f"{spec['info']['version']}-next"
    return changed, method, path


def undocumented_status() -> str:
    """A status the spec's first operation does not document yet (429 on the seed; the strict profile also runs
    this test on specs the update fixtures made, where 429 may be documented already)."""
    _, _, operation = next(operations_of(load_spec()))
    return next(status for status in ("429", "503", "409", "422") if status not in operation["responses"])


def test_an_added_status_and_module_are_minor_and_the_status_names_what_calls_now_return(tmp_path: Path) -> None:
    added = undocumented_status()
    spec, method, path = with_status(load_spec(), added)
    new = side_copy(tmp_path / "new", spec)
    (new.generated / PACKAGE / "models" / "extra.py").write_text("class Extra:\n    pass\n", encoding="utf-8")

    report = compare(Side(load_spec(), ROOT), new)

    endpoint = next(e for e in new.view().endpoints if (e.method, e.path) == (method, path))
    reply = next(r for r in endpoint.replies if r.pattern == added)
    now = describe(reply.type)
    assert report.http == [
        Change(
            f"{method} {path}",
            "status added",
            f"{added} (behaviour change: was UnexpectedStatus, now returns {now})",
            False,
        )
    ]
    assert report.python == [Change("models.extra", "module added", "", False)]
    assert report.api_versions == (load_spec()["info"]["version"], spec["info"]["version"])
    assert (report.breaking, report.bump, report.code_changed) == (0, "minor", True)


OPERATION = {"responses": {"200": {"description": "ok"}, "4XX": {"description": "client"}}}


@pytest.mark.parametrize(
    ("documented", "pattern", "was"),
    [
        ({"4XX": {}}, "429", "the 4XX response"),
        ({"4xx": {}}, "404", "the 4XX response"),
        ({"4XX": {}, "default": {}}, "503", "the default response"),
        ({"default": {}}, "4XX", "the default response"),
        ({"default": {}}, "default", "UnexpectedStatus"),
        ({"200": {}}, "429", "UnexpectedStatus"),
        ({"5XX": {}}, "429", "UnexpectedStatus"),
    ],
)
def test_what_the_old_sdk_made_of_a_newly_documented_status(documented: dict[str, Any], pattern: str, was: str) -> None:
    spec = {"paths": {"/x": {"get": {"responses": documented}}}}
    assert _handled_before(spec, "GET", "/x", pattern) == was
    assert _handled_before(spec, "POST", "/x", pattern) == "UnexpectedStatus"


def test_a_status_the_new_view_does_not_know_is_left_as_it_is() -> None:
    view = generator_view.View(endpoints=(), models={}, enums={}, errors=())
    change = Change("GET /x", "status added", "429", False)
    assert _with_behaviour(change, {}, view) is change
    other = Change("GET /x", "status removed", "429", True)
    assert _with_behaviour(other, {}, view) is other


def test_an_added_status_without_a_body_returns_none(tmp_path: Path) -> None:
    spec, method, path = with_status(load_spec(), "202")
    _, _, operation = next(operations_of(spec))
    operation["responses"]["202"] = {"description": "accepted"}
    view = Side(spec, side_copy(tmp_path / "new", spec).root).view()

    change = _with_behaviour(Change(f"{method} {path}", "status added", "202", False), load_spec(), view)

    assert change.detail.endswith("now returns None (no body))") and not change.breaking
    other = Change(f"{method} {path}", "status removed", "202", True)  # only an added status changes behaviour
    assert _with_behaviour(other, load_spec(), view) is other


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (PyType("model", "User", "user"), "User"),
        (PyType("enum", "Status", "status"), "Status"),
        (PyType("list", items=(PyType("datetime"),)), "list[datetime.datetime]"),
        (
            PyType("union", items=(PyType("date"), PyType("uuid"), PyType("file"), PyType("none"))),
            "datetime.date | UUID | File | none",
        ),
        (PyType("str"), "str"),
    ],
)
def test_types_are_described_as_a_signature_spells_them(kind: PyType, text: str) -> None:
    assert describe(kind) == text


HTTP = [Change("DELETE /a", "status removed", "500", True), Change("GET /b", "operation added", "", False)]
PYTHON = [Change("models.x", "module removed", "", True)]


def test_the_report_prints_both_halves_with_breaking_ones_flagged_and_the_bump() -> None:
    text = Report(HTTP, PYTHON, True, ("1.0.0", "1.1.0")).render("pkg")

    assert text.splitlines() == [
        "API version (info.version): 1.0.0 -> 1.1.0",
        "HTTP surface:",
        "  BREAKING  DELETE /a: status removed 500",
        "            GET /b: operation added",
        "Python API (pkg):",
        "  BREAKING  models.x: module removed",
        "3 changes, 2 breaking; version bump: major",
    ]


def test_an_empty_half_says_so_and_one_change_is_singular() -> None:
    text = Report(HTTP[1:], [], False, ("1", "1")).render("pkg")

    assert text.splitlines() == [
        "HTTP surface:",
        "            GET /b: operation added",
        "Python API (pkg):",
        "  no changes",
        "1 change, 0 breaking; version bump: minor",
    ]


@pytest.mark.parametrize(
    ("http", "python", "code_changed", "bump"),
    [
        ([], [], False, "none"),
        ([], [], True, "patch"),
        (HTTP[1:], [], False, "minor"),
        ([], PYTHON, False, "major"),
        (HTTP, [], True, "major"),
    ],
)
def test_the_bump_is_the_largest_either_half_calls_for(
    http: list[Change], python: list[Change], code_changed: bool, bump: str
) -> None:
    report = Report(http, python, code_changed)
    assert report.bump == bump
    assert report.breaking == sum(change.breaking for change in http + python)
    assert report.changes == http + python
