"""check-spec and diff-spec (scripts/check_spec.py, scripts/diff_spec.py) around the steps they run in a throwaway
copy: which commands, in which order, what is printed of them, and how a failure ends the command. The steps are
recorded here, not run (tests/test_check_spec.py and tests/test_replay.py run them for real)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts import check_spec, diff_spec, generator_config, sandbox
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
    assert fake.envs == [{"TEST_PROFILE": check_spec.PROFILE}] * len(fake.commands)
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


def diffs(failing: int | None = None) -> Callable[[list[str], Path], Outcome]:
    def outcome(command: list[str], repo: Path) -> Outcome:
        index = int(Path(command[-1]).stem)
        if index == failing:
            return 1, "partial\n", "the generator refused\n"
        return 0, f"diff {index}\n2 changes, 0 breaking; version bump: minor\n\n", ""

    return outcome


def test_diff_spec_adopts_the_first_quietly_and_prints_each_step_of_the_chain(
    steps: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = steps(diffs())

    assert diff_spec.compare(CHAIN) == 0

    update = ["python", "-m", "scripts.update_spec"]
    assert [command[:-1] for command in fake.commands] == [
        [*update, "--quiet"],
        [*update, "--diff-only"],
        [*update, "--diff-only"],
    ]
    assert fake.spec_files == [read_document(source) for source in CHAIN]
    assert capsys.readouterr().out == (
        f"SDK-level changes from {CHAIN[0]} to {CHAIN[1]}:\ndiff 1\n2 changes, 0 breaking; version bump: minor\n"
        f"\nSDK-level changes from {CHAIN[1]} to {CHAIN[2]}:\ndiff 2\n2 changes, 0 breaking; version bump: minor\n"
    )


@pytest.mark.parametrize("failing", [0, 1])
def test_diff_spec_stops_at_a_spec_that_cannot_be_generated(
    failing: int, steps: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = steps(diffs(failing))

    assert diff_spec.compare(CHAIN) == 1

    assert len(fake.commands) == failing + 1
    out, err = capsys.readouterr()
    assert err == f"diff-spec: {CHAIN[failing]} cannot be generated:\npartial\nthe generator refused\n\n"
    assert out == ""


def test_diff_spec_validates_every_spec_before_running_anything(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake = steps(diffs())

    with pytest.raises(SystemExit):
        diff_spec.main([CHAIN[0], str(BROKEN_YAML)])

    assert fake.commands == []
    assert "not valid YAML" in capsys.readouterr().err


def test_diff_spec_command_line_diffs_its_arguments(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    steps(diffs())

    assert diff_spec.main(CHAIN[:2]) == 0
    assert capsys.readouterr().out.startswith(f"SDK-level changes from {CHAIN[0]} to {CHAIN[1]}:\n")
    assert diff_spec.main(CHAIN[:1]) == 2


def test_check_spec_command_line_checks_its_one_spec(steps: Any, capsys: pytest.CaptureFixture[str]) -> None:
    steps(scripted(set(), total()))

    assert check_spec.main([SPEC]) == 0
    assert capsys.readouterr().out.endswith(", tests green\n")
    assert check_spec.main([SPEC, SPEC]) == 2


def test_a_readable_spec_that_is_not_openapi_3_is_refused_before_running_anything(
    steps: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    swagger = FIXTURES / "swagger-2.0.json"
    fake = steps(diffs())

    with pytest.raises(SystemExit) as checked:
        check_spec.check(str(swagger))
    assert checked.value.code == 1 and "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err
    with pytest.raises(SystemExit) as diffed:
        diff_spec.main([CHAIN[0], str(swagger)])
    assert diffed.value.code == 1 and "not an OpenAPI 3.0 or 3.1 document" in capsys.readouterr().err

    assert fake.commands == []
