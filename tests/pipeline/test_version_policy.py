"""The version policy: the SDK's own semver, moved by what changed for its users; the spec's version is API_VERSION."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import jetemail_api_client
import pytest

from scripts import generate, generator_config, sandbox, spec_pin, version_policy
from scripts.diff.report import bumped, level_between
from scripts.generate import OUTPUT
from scripts.oas import ROOT, load_spec, operations_of
from scripts.update_spec import CHANGELOG, CHANGELOG_HEADER
from scripts.version_policy import built_version, violation


def test_the_committed_build_is_the_one_its_version_names() -> None:
    assert violation() is None, violation()


def test_the_sdk_version_is_its_own_and_the_spec_version_is_api_version() -> None:
    metadata = tomllib.loads((OUTPUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec_version = str(load_spec()["info"]["version"])
    assert built_version() == generator_config.computed().version == jetemail_api_client.__version__
    assert metadata["version"] == built_version()
    assert spec_version == jetemail_api_client.API_VERSION
    assert f"(API version {spec_version})" in metadata["description"]


def test_the_changelog_lists_versions_oldest_first_as_update_spec_appends_them() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    assert text.startswith(CHANGELOG_HEADER)
    versions = re.findall(r"^## (\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)$", text, re.MULTILINE)
    assert len(versions) == text.count("\n## ")
    assert versions[0] == "1.0.0"
    assert versions == sorted(versions, key=lambda version: tuple(map(int, version.split("."))))
    # (an update that keeps the version, such as re-adopting the same spec, adds an entry under it again)
    assert tuple(map(int, versions[-1].split("."))) <= tuple(map(int, built_version().split(".")))


@pytest.mark.parametrize(
    ("version", "level", "expected"),
    [
        ("1.0.0", "major", "2.0.0"),
        ("1.4.2", "major", "2.0.0"),
        ("1.4.2", "minor", "1.5.0"),
        ("1.4.2", "patch", "1.4.3"),
        ("1.4.2", "none", "1.4.2"),
        ("0.9.9", "minor", "0.10.0"),
    ],
)
def test_bumped(version: str, level: str, expected: str) -> None:
    assert bumped(version, level) == expected
    assert level_between(version, expected) == level


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def committed_copy(tmp_path: Path) -> Path:
    """A copy of the repo in a git repository of its own, everything committed."""
    repo = sandbox.copy_repo(tmp_path / "repo")
    git(repo, "init", "-q")
    commit(repo, "base")
    return repo


def test_a_pipeline_change_that_keeps_the_api_is_a_patch_bumped_once_per_commit(tmp_path: Path) -> None:
    repo = committed_copy(tmp_path)
    before = generator_config.computed(repo / generator_config.CONFIG.name).version
    runtime_module = repo / "runtime" / "errors.py"  # copied into the package as it is
    runtime_module.write_text(
        runtime_module.read_text().replace("Every error this SDK raises", "Every error the SDK raises")
    )

    for _ in range(2):  # regenerating twice before a commit bumps once
        assert sandbox.run(repo, "python", "-m", "scripts.generate").returncode == 0
        recorded = sandbox.run(repo, "python", "-m", "scripts.version_policy", "record")
        assert recorded.returncode == 0, recorded.stderr

    after = generator_config.computed(repo / generator_config.CONFIG.name).version
    assert after == bumped(before, "patch")
    assert f'version = "{after}"' in (repo / "generated" / "pyproject.toml").read_text()
    assert sandbox.run(repo, "python", "-m", "scripts.version_policy", "check").returncode == 0


def test_the_bump_counts_from_the_recorded_build_not_from_the_last_run(tmp_path: Path) -> None:
    repo = committed_copy(tmp_path)
    before = generator_config.computed(repo / generator_config.CONFIG.name).version
    spec = load_spec()  # the current spec with one operation's last documented status removed: breaking
    operation = next((op for _, _, op in operations_of(spec) if len(op.get("responses", {})) > 1), None)
    if operation is None:
        pytest.skip("no operation of this spec documents two statuses")
    del operation["responses"][list(operation["responses"])[-1]]
    fixture = str(tmp_path / "one-status-less.json")
    Path(fixture).write_text(json.dumps(spec), encoding="utf-8")
    # A first run that changed the code without bumping (--diff-only): the update then sees no change itself.
    assert sandbox.run(repo, "python", "-m", "scripts.update_spec", "--diff-only", fixture).returncode == 0

    updated = sandbox.run(repo, "python", "-m", "scripts.update_spec", fixture)

    assert updated.returncode == 0, updated.stderr
    assert "version bump: none" in updated.stdout
    assert generator_config.computed(repo / generator_config.CONFIG.name).version == bumped(before, "major")


@dataclass(frozen=True)
class Build:
    repo: Path
    regenerated: list[str]  # the versions regenerated into, in order


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Build:
    """A git repository holding this repo's spec, config, Makefile and generated/, committed, with the version
    policy pointed at it; regeneration stands in as writing the config's version into generated/."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("Makefile", "openapi.json", generator_config.CONFIG.name):
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(OUTPUT, repo / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "-q")
    commit(repo, "base")
    monkeypatch.setattr(version_policy, "ROOT", repo)
    monkeypatch.setattr(version_policy, "MAKEFILE", repo / "Makefile")
    monkeypatch.setattr(version_policy, "SPEC", repo / "openapi.json")
    monkeypatch.setattr(generator_config, "CONFIG", repo / generator_config.CONFIG.name)
    monkeypatch.setattr(generate, "OUTPUT", repo / "generated")
    monkeypatch.setattr(generate, "FINGERPRINT", tmp_path / "fingerprint")
    build = Build(repo, [])
    monkeypatch.setattr(generate, "regenerate", lambda spec, config: build.regenerated.append(rewrite_version(repo)))
    return build


def rewrite_version(repo: Path) -> str:
    """What regenerating does to the version: generated/ says the config's version."""
    old, new = built_version(), generator_config.computed(repo / generator_config.CONFIG.name).version
    for path in (repo / "generated").rglob("*"):
        if path.suffix in (".py", ".toml"):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return new


def edit(repo: Path, name: str, text: str) -> None:
    path = repo / "generated" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + text, encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)


def version_of(repo: Path) -> str:
    return generator_config.computed(repo / generator_config.CONFIG.name).version


def test_recording_an_unchanged_build_keeps_its_version_and_pin(recorded: Build) -> None:
    before = (recorded.repo / "Makefile").read_text(encoding="utf-8")

    assert version_policy.record() == version_of(recorded.repo) == built_version()

    assert (recorded.repo / "Makefile").read_text(encoding="utf-8") == before
    assert recorded.regenerated == [] and violation() is None


def test_code_changed_under_the_same_api_is_a_patch_recorded_once_per_commit(recorded: Build) -> None:
    start = version_of(recorded.repo)
    edit(recorded.repo, "jetemail_api_client/client.py", "\n# changed by a template\n")

    assert version_policy.record() == bumped(start, "patch")
    assert recorded.regenerated == [bumped(start, "patch")] and built_version() == bumped(start, "patch")
    assert version_policy.pinned() == (bumped(start, "patch"), version_policy.output_sha256(bumped(start, "patch")))
    assert violation() is None

    edit(recorded.repo, "jetemail_api_client/client.py", "# and changed again\n")
    assert version_policy.record() == bumped(start, "patch")  # from the committed version, not the last run
    assert len(recorded.regenerated) == 1 and violation() is None


def test_the_largest_level_wins_the_callers_or_the_measured_one(recorded: Build) -> None:
    start = version_of(recorded.repo)
    edit(recorded.repo, "jetemail_api_client/models/extra.py", "class Extra:\n    pass\n")  # a new public module

    assert version_policy.measured_level() == "minor"
    assert version_policy.record("patch") == bumped(start, "minor")
    assert version_policy.record("major") == bumped(start, "major")


def test_the_record_counts_from_the_commit_that_recorded_the_pin(recorded: Build) -> None:
    start, pin = version_of(recorded.repo), version_policy.pinned()
    edit(recorded.repo, "jetemail_api_client/models/extra.py", "class Extra:\n    pass\n")
    commit(recorded.repo, "a change committed without recording it")
    (recorded.repo / "notes.txt").write_text("later", encoding="utf-8")
    commit(recorded.repo, "an unrelated commit")

    assert version_policy.committed_pin() == pin
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=recorded.repo, capture_output=True, text=True
    )
    assert version_policy.pinned_commit() == first.stdout.strip()
    assert version_policy.record() == bumped(start, "minor")


def test_the_committed_pin_is_the_one_that_counts(recorded: Build) -> None:
    committed = version_policy.pinned()
    spec_pin.rewrite_line(version_policy.PIN_LINE, f"VERSION_PIN := 9.9.9 {'0' * 64}", recorded.repo / "Makefile")

    assert version_policy.pinned() == ("9.9.9", "0" * 64)
    assert version_policy.committed_pin() == committed
    assert violation() is not None


def test_the_committed_build_is_extracted_for_comparison(recorded: Build, tmp_path: Path) -> None:
    edit(recorded.repo, "jetemail_api_client/client.py", "# uncommitted\n")

    assert version_policy.committed_build(tmp_path / "build")

    assert sorted(path.name for path in (tmp_path / "build").iterdir()) == sorted(version_policy.COMPARED)
    extracted = (tmp_path / "build" / "generated" / "jetemail_api_client" / "client.py").read_text(encoding="utf-8")
    assert extracted == (OUTPUT / "jetemail_api_client" / "client.py").read_text(encoding="utf-8")


def test_outside_git_the_change_counts_as_major_unless_the_caller_measured_it(
    recorded: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(recorded.repo / ".git")
    start = version_of(recorded.repo)
    edit(recorded.repo, "jetemail_api_client/client.py", "# changed\n")

    assert version_policy.committed_build(recorded.repo / "build") is False
    assert version_policy.measured_level() is None
    assert version_policy.pinned_commit() == "HEAD"
    assert version_policy.committed_pin() == version_policy.pinned()
    assert version_policy.record("minor") == bumped(start, "minor")
    assert capsys.readouterr().out == ""

    edit(recorded.repo, "jetemail_api_client/client.py", "# changed again\n")
    assert version_policy.record() == bumped(bumped(start, "minor"), "major")
    assert "not a git checkout" in capsys.readouterr().out


def test_a_makefile_without_the_version_pin_is_named() -> None:
    with pytest.raises(SystemExit, match="the Makefile has no line 'VERSION_PIN := <version> <sha256>'"):
        version_policy.pinned("SPEC_SHA256 := x\n")
    assert version_policy.pinned(f"VERSION_PIN := 1.2.3 {'a' * 64}\n") == ("1.2.3", "a" * 64)


def test_the_version_policy_check_says_what_to_do(recorded: Build, capsys: pytest.CaptureFixture[str]) -> None:
    assert version_policy.main(["check"]) == 0
    edit(recorded.repo, "jetemail_api_client/client.py", "# changed\n")

    assert version_policy.main(["check"]) == 1
    assert "Run `make version`" in capsys.readouterr().err
    assert version_policy.main(["record"]) == 0
    assert capsys.readouterr().out == f"VERSION_PIN records version {version_of(recorded.repo)}\n"
    assert version_policy.main(["check"]) == 0
