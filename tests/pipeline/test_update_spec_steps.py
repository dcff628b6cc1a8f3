"""The steps of `make update-spec` (scripts/update_spec.py) that need no regeneration: the stable format, the
config an update derives (names kept or fresh, fallbacks), what a generator refusal is reduced to, the changelog,
the fallback lines and the command line. tests/pipeline/test_update_spec.py runs the whole update on fixture specs."""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from scripts import (
    generate,
    generator_config,
    generator_input,
    generator_view,
    naming,
    oas,
    spec_pin,
    update_spec,
    version_policy,
)
from scripts.diff.http_surface import Change
from scripts.diff.report import Report

FIXTURES = oas.ROOT / "tests" / "fixtures"


def test_the_stable_format_keeps_the_key_order_and_the_characters() -> None:
    document = {"z": 1, "a": {"ü": "é", "list": [1, 2]}}

    text = update_spec.canonical(document)

    assert text == '{\n  "z": 1,\n  "a": {\n    "ü": "é",\n    "list": [\n      1,\n      2\n    ]\n  }\n}\n'
    assert update_spec.canonical(json.loads(text)) == text


@pytest.fixture(scope="module")
def refusal(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the pinned generator prints when it refuses the fixture made for that."""
    scratch = tmp_path_factory.mktemp("refusal")
    document = scratch / "openapi.json"
    spec = oas.read_document(str(FIXTURES / "generator-refuses.json"))
    document.write_text(json.dumps(generator_input.prepared(spec, {})), encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        generate._run_generator(scratch / "out", document, generate.CONFIG, templates=None)
    return str(raised.value)


def test_a_refusal_is_read_without_the_json_the_generator_dumps(refusal: str) -> None:
    text = update_spec.readable(refusal)

    assert "WARNING parsing DELETE /outbound/smarthost within outbound." in text.splitlines()
    assert "Cannot parse response for status code" in text
    assert all(line.strip() for line in text.splitlines())
    assert not any(line.lstrip().startswith(("{", "}", "[", "]", '"')) for line in text.splitlines())
    assert "If you believe this was a mistake" not in text and "Generating " not in text
    assert "openapi-python-client failed" in text


def test_a_refusal_names_each_operation_once_and_the_remedy(refusal: str) -> None:
    advice = update_spec.generator_failure_advice(refusal + refusal.replace("DELETE", "GET"))

    assert advice.splitlines() == [
        "the generator cannot handle: DELETE /outbound/smarthost, GET /outbound/smarthost",
        f"remedy: {update_spec.REMEDY}",
    ]
    assert update_spec.generator_failure_advice("boom").startswith(
        "the generator cannot handle: (see the generator output above)\n"
    )


def first_named(spec: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """The first operation the naming policy names models for, by the policy's own reading of the spec: one whose
    body or response defines a model inline (a component keeps its own name, raw bytes have none)."""
    config = generator_view.config_file(generator_config.CONFIG)
    bare = generator_view.view(spec, generator_view.with_class_overrides(config, {}), oas.SPEC_PATH)
    components = naming.component_classes(spec, config, oas.SPEC_PATH)
    named = {identity.operation for identity in naming.identities(bare, components, {})}
    return next(
        (method, path, operation) for method, path, operation in oas.operations_of(spec) if f"{method} {path}" in named
    )


def renamed(spec: dict[str, Any], summary: str) -> dict[str, Any]:
    """The spec with the first named operation's names changed (summary, no operationId) and a CSV request body
    added."""
    changed = copy.deepcopy(spec)
    _, _, operation = first_named(changed)
    operation.pop("operationId", None)
    operation["summary"] = summary
    body = operation.setdefault("requestBody", {"content": {}})
    body.setdefault("content", {})["text/csv"] = {"schema": {"type": "string"}}
    return changed


def test_an_update_keeps_the_names_the_current_spec_gave_and_a_fresh_start_does_not() -> None:
    current = generator_config.computed()
    new = renamed(oas.load_spec(), "Purge every SMTP user")
    method, path, _ = first_named(new)

    kept = update_spec.derived_config(new, keep_names=True)
    fresh = update_spec.derived_config(new, keep_names=False)

    # (a second request content type changes the generator's own name of the JSON body, not the policy's)
    assert sorted(kept.class_overrides.values()) == sorted(current.class_overrides.values())
    assert kept.class_overrides.keys() == fresh.class_overrides.keys()
    renamed_now = {key: name for key, name in fresh.class_overrides.items() if kept.class_overrides[key] != name}
    assert renamed_now  # the renamed operation's names, whatever other operations the spec has
    assert all(name.startswith(naming.pascal("Purge every SMTP user")) for name in renamed_now.values())
    for derived in (kept, fresh):
        assert f"{method} {path} request" in derived.fallbacks["text/csv"]  # beside those the spec had
        assert derived.version == current.version


def test_the_changelog_starts_with_its_header_and_grows_by_one_dated_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update_spec, "CHANGELOG", tmp_path / "CHANGELOG.md")
    report = Report([Change("GET /a", "operation added", "", False)], [], True, ("1", "2"))

    today = f"{datetime.now(UTC):%Y-%m-%d}"
    update_spec.append_changelog(report, "1.1.0", "pkg")
    update_spec.append_changelog(Report([], [], True), "1.1.1", "pkg")

    text = (tmp_path / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith(update_spec.CHANGELOG_HEADER)
    sections = text.split("\n## ")[1:]
    assert [section.split(" ")[0] for section in sections] == ["1.1.0", "1.1.1"]
    assert sections[0].split("\n", 1)[0] in {f"1.1.0 ({today})", f"1.1.0 ({datetime.now(UTC):%Y-%m-%d})"}
    assert f"```\n{report.render('pkg')}\n```\n" in sections[0]
    assert text.count(update_spec.CHANGELOG_HEADER) == 1


def test_the_fallback_lines_say_where_each_content_type_is_used() -> None:
    assert update_spec.fallback_lines({}) == "raw-bytes fallbacks: none (the generator models every content type)"
    assert update_spec.fallback_lines(
        {"text/csv": ["POST /a request", "GET /b response 200"], "a/x": []}
    ).splitlines() == [
        "raw-bytes fallbacks (generated with File bodies, not dropped): 2 content type(s)",
        "  text/csv: POST /a request; GET /b response 200",
        "  a/x: ",
    ]


@pytest.mark.parametrize(
    "argv",
    [[], ["a.json", "b.json"], ["--fresh"], ["--quiet", "--fresh", "a.json"], ["--loud", "a.json"]],
)
def test_the_command_line_takes_one_spec_and_at_most_one_known_flag(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update_spec, "update", lambda *args, **kwargs: pytest.fail("updated"))

    assert update_spec.main(argv) == 2
    assert "python -m scripts.update_spec [--quiet | --fresh | --diff-only] SPEC" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "mode"),
    [
        (["s.json"], {}),
        (["--quiet", "s.json"], {"quiet": True}),
        (["s.json", "--fresh"], {"fresh": True}),
        (["--diff-only", "s.json"], {"diff_only": True}),
    ],
)
def test_each_flag_picks_its_mode(argv: list[str], mode: dict[str, bool], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dict[str, bool]]] = []

    def update(source: str, **flags: bool) -> int:
        calls.append((source, flags))
        return 7

    monkeypatch.setattr(update_spec, "update", update)

    assert update_spec.main(argv) == 7
    assert calls == [("s.json", {"quiet": False, "fresh": False, "diff_only": False} | mode)]


@dataclass
class Checkout:
    """A checkout of its own for update_spec: spec, pin, config and generated/, with regeneration and the version
    policy standing in (tests/pipeline/test_update_spec.py runs them for real)."""

    root: Path
    regenerated: int = 0
    refusal: str | None = None  # what the generator says when it refuses, if it does
    recorded: list[str | None] = field(default_factory=list)  # the levels the version policy was asked to apply

    def regenerate(self, spec: dict[str, Any], config: Path) -> None:
        if self.refusal is not None:
            raise SystemExit(self.refusal)
        assert (spec, config) == (oas.load_spec(self.root / "openapi.json"), self.root / CONFIG_NAME)
        self.regenerated += 1

    def record(self, level: str | None = None) -> str:
        self.recorded.append(level)
        return "7.8.9"

    def files(self) -> dict[str, bytes]:
        return {name: (self.root / name).read_bytes() for name in ("openapi.json", "Makefile", CONFIG_NAME)}


CONFIG_NAME = generator_config.CONFIG.name
BASELINE = str(FIXTURES / "baseline.json")


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Checkout:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("Makefile", CONFIG_NAME):
        shutil.copy2(oas.ROOT / name, root / name)
    shutil.copytree(oas.ROOT / "generated", root / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "openapi.json").write_text(update_spec.canonical(oas.read_document(BASELINE)), encoding="utf-8")
    spec_pin.write_pin(root / "openapi.json", root / "Makefile")
    fake = Checkout(root)
    monkeypatch.setattr(update_spec, "ROOT", root)
    monkeypatch.setattr(update_spec, "SPEC_PATH", root / "openapi.json")
    monkeypatch.setattr(update_spec, "CHANGELOG", root / "CHANGELOG.md")
    monkeypatch.setattr(spec_pin, "MAKEFILE", root / "Makefile")
    monkeypatch.setattr(generator_config, "CONFIG", root / CONFIG_NAME)
    monkeypatch.setattr(generate, "FINGERPRINT", tmp_path / "fingerprint")
    monkeypatch.setattr(generate, "regenerate", fake.regenerate)
    monkeypatch.setattr(version_policy, "record", fake.record)
    return fake


def test_adopting_writes_the_spec_canonically_pins_it_and_derives_the_config(
    checkout: Checkout, tmp_path: Path
) -> None:
    new = oas.read_document(str(FIXTURES / "add-429.json"))

    derived = update_spec.adopt(new, keep_names=True)

    assert (checkout.root / "openapi.json").read_text(encoding="utf-8") == update_spec.canonical(new)
    assert spec_pin.pin_mismatch(checkout.root / "openapi.json", checkout.root / "Makefile") is None
    assert generator_config.computed(checkout.root / CONFIG_NAME) == generator_config.Computed(
        derived.class_overrides, derived.fallbacks, derived.version
    )
    assert "DeleteSmtpUserTooManyRequests" in derived.class_overrides.values()
    assert checkout.regenerated == 1
    assert (tmp_path / "fingerprint").read_text() == generate.fingerprint()


def test_a_refused_spec_puts_the_spec_its_pin_and_the_config_back_and_says_why(
    checkout: Checkout, refusal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = checkout.files()
    checkout.refusal = refusal

    with pytest.raises(SystemExit) as raised:
        update_spec.adopt(oas.read_document(str(FIXTURES / "generator-refuses.json")), keep_names=True)

    assert raised.value.code == 1
    assert checkout.files() == before
    err = capsys.readouterr().err
    assert err.startswith(update_spec.readable(refusal))
    assert "update stopped: openapi.json, its pin and generator-config.yaml are unchanged." in err
    assert err.endswith(update_spec.generator_failure_advice(refusal) + "\n")


def test_anything_else_that_fails_puts_everything_back_and_is_raised(
    checkout: Checkout, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = checkout.files()

    def broken(spec: dict[str, Any], config: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(generate, "regenerate", broken)
    with pytest.raises(KeyboardInterrupt):
        update_spec.adopt(oas.read_document(str(FIXTURES / "add-429.json")), keep_names=True)

    assert checkout.files() == before


ADD_429 = str(FIXTURES / "add-429.json")
OLD_API, NEW_API = (oas.read_document(source)["info"]["version"] for source in (BASELINE, ADD_429))
VERSIONS = f"API version (info.version): {OLD_API} -> {NEW_API}"
BEHAVIOUR = (
    f"status added 429 (behaviour change: was UnexpectedStatus, now returns DeleteSmtpUser{naming.reason('429')})"
)


def test_an_update_prints_the_diff_applies_its_bump_and_appends_it_to_the_changelog(
    checkout: Checkout, capsys: pytest.CaptureFixture[str]
) -> None:
    assert update_spec.update(ADD_429) == 0

    out = capsys.readouterr().out
    assert out.startswith(f"SDK-level changes from {ADD_429}:\n{VERSIONS}\n")
    assert BEHAVIOUR in out
    assert "0 breaking; version bump: minor\n\nraw-bytes fallbacks: none" in out
    assert out.endswith("openapi.json updated and pinned, generated/ regenerated as version 7.8.9 (minor).\n")
    assert checkout.recorded == ["minor"]
    changelog = (checkout.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 7.8.9 (" in changelog and BEHAVIOUR in changelog


def test_a_breaking_update_says_to_review_it(checkout: Checkout, capsys: pytest.CaptureFixture[str]) -> None:
    assert update_spec.update(str(FIXTURES / "remove-status.json")) == 0

    out = capsys.readouterr().out
    assert "BREAKING" in out and "version bump: major" in out
    assert out.endswith("Breaking changes break code written against the previous SDK: review them before releasing.\n")


def test_a_quiet_update_prints_nothing_but_still_bumps_and_records(
    checkout: Checkout, capsys: pytest.CaptureFixture[str]
) -> None:
    assert update_spec.update(ADD_429, quiet=True) == 0

    assert capsys.readouterr().out == ""
    assert checkout.recorded == ["minor"] and (checkout.root / "CHANGELOG.md").is_file()


def test_a_diff_only_update_prints_the_diff_and_stops_before_the_version(
    checkout: Checkout, capsys: pytest.CaptureFixture[str]
) -> None:
    assert update_spec.update(ADD_429, diff_only=True) == 0

    out = capsys.readouterr().out
    assert out.startswith(f"{VERSIONS}\nHTTP surface:\n") and BEHAVIOUR in out
    assert out.endswith("version bump: minor\n")
    assert checkout.recorded == [] and not (checkout.root / "CHANGELOG.md").exists()
    assert checkout.regenerated == 1


def test_a_fresh_start_adopts_the_spec_with_no_history(checkout: Checkout, capsys: pytest.CaptureFixture[str]) -> None:
    spec = oas.read_document(str(FIXTURES / "unsupported-content-type.json"))

    assert update_spec.update(str(FIXTURES / "unsupported-content-type.json"), fresh=True) == 0

    assert capsys.readouterr().out == update_spec.fallback_lines(generator_input.fallbacks(spec)) + "\n"
    assert checkout.recorded == [] and not (checkout.root / "CHANGELOG.md").exists()
    assert (checkout.root / "openapi.json").read_text(encoding="utf-8") == update_spec.canonical(spec)


def test_an_invalid_spec_changes_nothing(checkout: Checkout, capsys: pytest.CaptureFixture[str]) -> None:
    before = checkout.files()
    broken = next((FIXTURES / "resend").glob("027-*.yaml"))

    with pytest.raises(SystemExit):
        update_spec.update(str(broken))

    assert checkout.files() == before and checkout.regenerated == 0
    assert "not valid YAML" in capsys.readouterr().err


def test_an_update_keeps_the_checkouts_names_and_a_fresh_one_gives_the_rules(
    checkout: Checkout, tmp_path: Path
) -> None:
    config = checkout.root / CONFIG_NAME
    baseline = oas.read_document(BASELINE)
    # the checkout's names are its spec's (the copied config is another spec's once the strict profile updates it)
    generator_config.write_computed(update_spec.derived_config(baseline, keep_names=False), config)
    source = tmp_path / "renamed.json"
    source.write_text(json.dumps(renamed(baseline, summary := "Purge every SMTP user")), encoding="utf-8")
    before = generator_config.computed(config).class_overrides

    assert update_spec.update(str(source), quiet=True) == 0
    kept = generator_config.computed(config).class_overrides
    assert update_spec.update(str(source), fresh=True) == 0
    fresh = generator_config.computed(config).class_overrides

    assert sorted(kept.values()) == sorted(before.values())
    new_names = {name for name in fresh.values() if name not in before.values()}
    assert new_names and all(name.startswith(naming.pascal(summary)) for name in new_names)


def test_a_spec_that_reads_but_is_not_openapi_3_changes_nothing(
    checkout: Checkout, capsys: pytest.CaptureFixture[str]
) -> None:
    before = checkout.files()

    with pytest.raises(SystemExit):
        update_spec.update(str(FIXTURES / "swagger-2.0.json"))

    assert checkout.files() == before and checkout.regenerated == 0
    assert "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err
