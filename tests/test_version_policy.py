"""The version policy: the SDK's own semver, moved by what changed for its users; the spec's version is API_VERSION."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import jetemail_api_client
import pytest

from scripts import generator_config, sandbox
from scripts.generate import OUTPUT
from scripts.oas import load_spec, operations_of
from scripts.sdk_diff import bumped, level_between
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
    assert len(set(versions)) == len(versions)
    assert versions[-1] == built_version(), "the version the policy recorded needs its CHANGELOG.md entry"


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
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    return repo


def test_a_pipeline_change_that_keeps_the_api_is_a_patch_bumped_once_per_commit(tmp_path: Path) -> None:
    repo = committed_copy(tmp_path)
    before = generator_config.computed(repo / generator_config.CONFIG.name).version
    template = repo / "templates" / "errors.py.jinja"
    template.write_text(template.read_text().replace("Every error this SDK raises", "Every error the SDK raises"))

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
    # A first run that changed the code without bumping (diff-spec's mode): the update then sees no change itself.
    assert sandbox.run(repo, "python", "-m", "scripts.update_spec", "--diff-only", fixture).returncode == 0

    updated = sandbox.run(repo, "python", "-m", "scripts.update_spec", fixture)

    assert updated.returncode == 0, updated.stderr
    assert "version bump: none" in updated.stdout
    assert generator_config.computed(repo / generator_config.CONFIG.name).version == bumped(before, "major")
