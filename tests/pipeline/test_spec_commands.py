"""check-spec (scripts/check_spec.py) around the steps it runs in a throwaway copy, and diff-spec
(scripts/diff_spec.py) around the SDKs it builds: which steps, in which order, what is printed of them, and how a
failure ends the command. The steps are recorded here, not run (tests/pipeline/test_check_spec.py and
tests/pipeline/test_replay.py run them for real)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts import check_spec, diff_spec, generate, generator_config, sandbox, update_spec
from scripts.diff import report
from scripts.diff.http_surface import Change
from scripts.diff.report import Report, Side
from scripts.oas import ROOT, operations_of, read_document

FIXTURES = ROOT / "tests" / "fixtures"
SPEC = str(FIXTURES / "add-operation.yaml")
BROKEN_YAML = next((FIXTURES / "resend").glob("027-*.yaml"))
PACKAGE = str(generator_config.load()["package_name_override"])
Outcome = tuple[int, str, str]  # returncode, stdout, stderr


class Steps:
    """Stands in for sandbox.copy_repo and sandbox.run: records each command, answers as `outcomes` says."""

    def __init__(self, outcomes: Callable[[list[str], Path], Outcome]) -> None:
        self.outcomes = outcomes
        self.commands: list[list[str]] = []
        self.envs: list[dict[str, str] | None] = []
        self.spec_files: list[Any] = []

    def copy_repo(self, destination: Path, root: Path = ROOT) -> Path:
        destination.mkdir(parents=True)
        return destination

    def run(
        self, root: Path, *command: str, check: bool = False, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        self.commands.append(list(command))
        self.envs.append(env)
        self.spec_files += [
            json.loads(Path(arg).read_text(encoding="utf-8")) for arg in command if arg.endswith(".json")
        ]
        code, out, err = self.outcomes(list(command), root)
        return subprocess.CompletedProcess(list(command), code, out, err)


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[list[str], Path], Outcome]], Steps]:
    def install(outcomes: Callable[[list[str], Path], Outcome]) -> Steps:
        fake = Steps(outcomes)
        monkeypatch.setattr(sandbox, "copy_repo", fake.copy_repo)
        monkeypatch.setattr(sandbox, "run", fake.run)
        return fake

    return install


def generates(count: int) -> Callable[[Path], None]:
    def write(repo: Path) -> None:
        for index in range(count):
            module = repo / "generated" / PACKAGE / "api" / f"tag{index % 2}" / f"op{index}.py"
            module.parent.mkdir(parents=True, exist_ok=True)
            module.write_text("", encoding="utf-8")
            (module.parent / "__init__.py").write_text("", encoding="utf-8")

    return write


def name_of(command: list[str]) -> str:
    return next(name for name, step in check_spec.steps(PACKAGE, Path("spec.json")) if step[:3] == command[:3])


def scripted(failing: set[str], operations: int) -> Callable[[list[str], Path], Outcome]:
    def outcome(command: list[str], repo: Path) -> Outcome:
        name = name_of(command)
        if name == "generate" and "generate" not in failing:
            generates(operations)(repo)
            return 0, "raw-bytes fallbacks: none\n", ""
        if name in failing:
            lines = "".join(f"{name} line {n}\n" for n in range(50))
            return 1, lines, f"{name} error\n"
        return 0, "", ""

    return outcome


def total() -> int:
    return sum(1 for _ in operations_of(read_document(SPEC)))


def test_check_spec_runs_every_step_on_the_spec_and_ends_green(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake = steps(scripted(set(), total()))

    assert check_spec.check(SPEC) == 0

    assert [name_of(command) for command in fake.commands] == [name for name, _ in check_spec.steps(PACKAGE, Path())]
    assert fake.commands[0][-1].endswith("spec.json") and fake.spec_files == [read_document(SPEC)]
    assert len(fake.envs) == len(fake.commands) and all(env == fake.envs[0] for env in fake.envs)
    assert fake.envs[0]["TEST_PROFILE"] == check_spec.PROFILE
    assert Path(fake.envs[0]["SPEC_WIDE_TALLY"]).name == check_spec.TALLY_NAME
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [re.sub(r"\(\d+\.\d s\)", "(t)", line) for line in lines[:2]] == [
        "ok   generate (t)",
        "     raw-bytes fallbacks: none",
    ]
    assert all(re.fullmatch(r"ok   [a-z -]+ \(\d+\.\d s\)", line) for line in lines[2:-1])
    assert lines[-1] == f"check-spec: {total()}/{total()} operations generated, tests green"
    assert err == ""


def test_check_spec_names_each_failed_step_with_the_end_of_its_output(
    steps: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = steps(scripted({"ruff check", "spec-wide tests"}, total() - 1))

    assert check_spec.check(SPEC) == 1

    assert len(fake.commands) == len(check_spec.steps(PACKAGE, Path()))  # a failed check does not stop the others
    out, err = capsys.readouterr()
    assert re.search(r"^FAIL ruff check \(\d+\.\d s\)$", out, re.MULTILINE)
    assert re.search(r"^ok   ruff format \(\d+\.\d s\)$", out, re.MULTILINE)
    shown = [line for line in out.splitlines() if line.startswith("     ruff check")]
    # the last 40 lines of its output: 39 of stdout, then stderr
    assert shown == [*(f"     ruff check line {n}" for n in range(11, 50)), "     ruff check error"]
    assert err == f"check-spec: {total() - 1}/{total()} operations generated; failed: ruff check, spec-wide tests\n"


def tallied(ran: int, skipped: dict[str, int]) -> Callable[[list[str], Path], Outcome]:
    """Every step green; the spec-wide tests tally the cases as tests/sdk/spec_wide/conftest.py does."""

    def outcome(command: list[str], repo: Path) -> Outcome:
        if name_of(command) == check_spec.SPEC_WIDE:
            tally = {"ran": ran, "skipped": skipped, "not_applicable": 1}
            (repo.parent / check_spec.TALLY_NAME).write_text(json.dumps(tally), encoding="utf-8")
        return scripted(set(), total())(command, repo)

    return outcome


ALLOWED = round(100 * check_spec.MAX_SKIPPED_SHARE)  # skipped cases of 100 the share allows


@pytest.mark.parametrize(("skipped", "code"), [(ALLOWED, 0), (ALLOWED + 1, 1)], ids=["at the share", "above it"])
def test_check_spec_prints_the_cases_run_and_skipped_and_fails_above_the_share(
    steps: Any, capsys: pytest.CaptureFixture[str], skipped: int, code: int
) -> None:
    reasons = {"no finite JSON value satisfies the schema {}": skipped - 1, "another reason": 1}
    steps(tallied(100 - ALLOWED, reasons))

    assert check_spec.check(SPEC) == code

    out, err = capsys.readouterr()
    assert f"     spec-wide cases: {100 - ALLOWED} ran, {skipped} skipped (" in out
    assert ", 1 not applicable to this spec\n" in out
    assert all(f"     skipped {count}x: {reason}" in out.splitlines() for reason, count in reasons.items())
    last = (out if code == 0 else err).splitlines()[-1]
    assert last.endswith("tests green" if code == 0 else f"failed: {check_spec.SPEC_WIDE} (too many skipped)")


def test_check_spec_stops_when_the_spec_cannot_be_generated(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake = steps(scripted({"generate"}, 0))

    assert check_spec.check(SPEC) == 1

    assert [name_of(command) for command in fake.commands] == ["generate"]
    out, err = capsys.readouterr()
    assert "     generate error" in out.splitlines()
    assert err == f"check-spec: 0/{total()} operations generated; failed: generate\n"


def test_check_spec_refuses_a_broken_spec_before_copying_anything(
    steps: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = steps(scripted(set(), 0))

    with pytest.raises(SystemExit) as raised:
        check_spec.check(str(BROKEN_YAML))

    assert raised.value.code == 1 and fake.commands == []
    assert f"{BROKEN_YAML}:1838:34: not valid YAML" in capsys.readouterr().err


def test_generated_operations_are_the_modules_under_api(tmp_path: Path) -> None:
    generates(5)(tmp_path)
    (tmp_path / "generated" / PACKAGE / "api" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "generated" / PACKAGE / "api" / "tag0" / "notes.txt").write_text("", encoding="utf-8")

    assert check_spec.generated_operations(tmp_path, PACKAGE) == 5


@pytest.mark.parametrize("module", [check_spec, diff_spec])
def test_the_commands_print_their_usage_without_a_spec(module: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert module.main([]) == 2
    assert f"python -m scripts.{module.__name__.rsplit('.', 1)[-1]}" in capsys.readouterr().err


CHAIN = [str(FIXTURES / name) for name in ("baseline.json", "add-429.json", "remove-status.json")]
REFUSAL = 'openapi-python-client failed (exit 1):\nWARNING parsing DELETE /x within x.\n{\n  "detail": 1\n}\n'


class Builds:
    """Stands in for the generator and the SDK-level diff under diff-spec: records the spec and the config each
    generation is given, and answers each comparison with a report naming the two specs' API versions."""

    def __init__(self, refused: int | None = None) -> None:
        self.refused = refused  # the generation (counted from 0) that the generator refuses, if any
        self.generated: list[tuple[dict[str, Any], generator_config.Computed]] = []

    def generate_into(self, destination: Path, spec: dict[str, Any], config: Path) -> None:
        if len(self.generated) == self.refused:
            raise SystemExit(REFUSAL)
        self.generated.append((spec, generator_config.computed(config)))
        destination.mkdir()

    def compare(self, old: Side, new: Side) -> Report:
        assert old.generated.is_dir() and new.generated.is_dir()
        change = Change("GET /x", "operation added", "", False)
        return Report([change], [], True, (old.spec["info"]["version"], f"{new.spec['info']['version']}+next"))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Callable[[int | None], Builds]:
    def install(refused: int | None = None) -> Builds:
        fake = Builds(refused)
        monkeypatch.setattr(generate, "generate_into", fake.generate_into)
        monkeypatch.setattr(report, "compare", fake.compare)
        return fake

    return install


@pytest.fixture
def current(tmp_path: Path) -> Side:
    """The spec a diff-spec starts from (the first vendored one) and its config, naming its models afresh."""
    spec, config = read_document(CHAIN[0]), tmp_path / "current" / generator_config.CONFIG.name
    config.parent.mkdir()
    shutil.copyfile(generator_config.CONFIG, config)
    generator_config.write_computed(generator_config.derived(spec, config, None), config)
    return Side(spec, config.parent)


def checkout_files() -> dict[str, bytes]:
    return {name: (ROOT / name).read_bytes() for name in ("openapi.json", "Makefile", generator_config.CONFIG.name)}


def test_diff_spec_builds_each_spec_and_prints_each_step_of_the_chain(
    builds: Any, current: Side, capsys: pytest.CaptureFixture[str]
) -> None:
    fake, before = builds(), checkout_files()

    assert diff_spec.compare(CHAIN, current) == 0

    assert [spec for spec, _ in fake.generated] == [read_document(source) for source in CHAIN]
    assert [config.version for _, config in fake.generated] == [current.version] * len(CHAIN)
    steps = [(CHAIN[n], CHAIN[n + 1], fake.compare(*(Side(read_document(CHAIN[i]), ROOT) for i in (n, n + 1))))
             for n in range(len(CHAIN) - 1)]  # fmt: skip
    assert capsys.readouterr().out == "\n".join(
        f"SDK-level changes from {old} to {new}:\n{diffed.render(PACKAGE)}\n" for old, new, diffed in steps
    )
    assert checkout_files() == before


def test_diff_spec_keeps_the_names_the_spec_before_gave(builds: Any, current: Side, tmp_path: Path) -> None:
    fake = builds()
    renamed = read_document(CHAIN[0])
    operation = renamed["paths"]["/outbound/smarthost"]["delete"]
    operation["summary"], operation["operationId"] = "Purge every SMTP user", "purgeSmtpUsers"
    (tmp_path / "renamed.json").write_text(json.dumps(renamed), encoding="utf-8")

    assert diff_spec.compare([str(tmp_path / "renamed.json"), CHAIN[0]], current) == 0

    (_, first), (_, second) = fake.generated
    names = generator_config.computed(current.config).class_overrides
    # keyed by the generator's own names, which follow the operationId; the names given stay those `current` gave
    assert first.class_overrides.keys() != names.keys()
    assert sorted(first.class_overrides.values()) == sorted(names.values())
    assert second.class_overrides == names


@pytest.mark.parametrize("refused", [0, 1])
def test_diff_spec_stops_at_a_spec_that_cannot_be_generated(
    refused: int, builds: Any, current: Side, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = builds(refused)

    assert diff_spec.compare(CHAIN, current) == 1

    assert len(fake.generated) == refused
    out, err = capsys.readouterr()
    advice = update_spec.generator_failure_advice(REFUSAL)
    assert err == f"diff-spec: {CHAIN[refused]} cannot be generated:\n{update_spec.readable(REFUSAL)}\n{advice}\n"
    assert "DELETE /x" in advice and out == ""


def test_diff_spec_validates_every_spec_before_running_anything(
    builds: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = builds()

    with pytest.raises(SystemExit):
        diff_spec.main([CHAIN[0], str(BROKEN_YAML)])

    assert fake.generated == []
    assert "not valid YAML" in capsys.readouterr().err


def test_diff_spec_command_line_diffs_its_arguments(builds: Any, capsys: pytest.CaptureFixture[str]) -> None:
    builds()

    assert diff_spec.main(CHAIN[:2]) == 0
    assert capsys.readouterr().out.startswith(f"SDK-level changes from {CHAIN[0]} to {CHAIN[1]}:\n")
    assert diff_spec.main(CHAIN[:1]) == 2


def test_check_spec_command_line_checks_its_one_spec(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    steps(scripted(set(), total()))

    assert check_spec.main([SPEC]) == 0
    assert capsys.readouterr().out.endswith(", tests green\n")
    assert check_spec.main([SPEC, SPEC]) == 2


def test_a_readable_spec_that_is_not_openapi_3_is_refused_before_running_anything(
    steps: Any, builds: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    swagger = FIXTURES / "swagger-2.0.json"
    fake, built = steps(scripted(set(), 0)), builds()

    with pytest.raises(SystemExit) as checked:
        check_spec.check(str(swagger))
    assert checked.value.code == 1 and "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err
    with pytest.raises(SystemExit) as diffed:
        diff_spec.main([CHAIN[0], str(swagger)])
    assert diffed.value.code == 1 and "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err

    assert fake.commands == [] and built.generated == []
