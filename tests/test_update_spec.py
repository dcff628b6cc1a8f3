"""`make update-spec` on the fixture specs, each in a throwaway copy of the repo.

Checks the diff text and breaking flags, the rewritten and re-pinned openapi.json, the regenerated
code and version, and that the contract tests still pass on the updated SDK.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.oas import ROOT, read_document
from scripts.update_spec import canonical

pytestmark = pytest.mark.update_spec
FIXTURES = ROOT / "tests" / "fixtures"
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "dist", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"
)


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repo sharing this one's venv, its spec set back to the baseline the fixtures change."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    baseline = (FIXTURES / "baseline.json").read_bytes()
    if (copy / "openapi.json").read_bytes() != baseline:  # openapi.json has moved on since the fixtures were made
        (copy / "openapi.json").write_bytes(baseline)
        for step in (
            ["scripts.spec_pin", "write"],
            ["scripts.generate", "--force"],
            ["scripts.version_policy", "record"],
        ):
            assert run([sys.executable, "-m", *step], copy).returncode == 0, step
    return copy


def update(repo: Path, fixture: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "scripts.update_spec", str(FIXTURES / fixture)], repo)


def contract_tests_pass(repo: Path, *tests: str) -> None:
    result = run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], repo)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def pinned_and_canonical(repo: Path, fixture: str) -> None:
    spec = repo / "openapi.json"
    assert spec.read_text(encoding="utf-8") == canonical(read_document(str(FIXTURES / fixture)))
    assert run([sys.executable, "-m", "scripts.spec_pin", "check"], repo).returncode == 0
    assert run([sys.executable, "-m", "scripts.version_policy", "check"], repo).returncode == 0


def test_added_operations_are_reported_generated_and_covered(repo: Path) -> None:
    result = update(repo, "add-operation.yaml")

    assert result.returncode == 0, result.stderr
    assert "          GET /outbound/smarthost/{username}: operation added" in result.stdout
    assert "          PATCH /outbound/smarthost/{username}: operation added" in result.stdout
    assert "BREAKING" not in result.stdout
    pinned_and_canonical(repo, "add-operation.yaml")
    package = repo / "generated" / "jetemail_api_client"
    assert (package / "api" / "smarthost" / "get_outbound_smarthost_username.py").is_file()
    assert 'version = "1.1.0"' in (repo / "generated" / "pyproject.toml").read_text()
    assert "## 1.1.0" in (repo / "CHANGELOG.md").read_text()
    # the new operations are covered by the spec-wide tests, with no new hand-written test
    contract_tests_pass(repo, "tests/test_every_operation.py", "tests/test_delete_outbound_smarthost.py")


def test_removed_status_is_breaking_and_its_model_is_gone(repo: Path) -> None:
    result = update(repo, "remove-status.json")

    assert result.returncode == 0, result.stderr
    assert "BREAKING  DELETE /outbound/smarthost: status removed 500" in result.stdout
    pinned_and_canonical(repo, "remove-status.json")
    assert not (repo / "generated" / "jetemail_api_client" / "models" / "delete_smtp_user_server_error.py").exists()
    contract_tests_pass(repo, "tests/test_delete_outbound_smarthost.py", "tests/test_readme.py")


def test_changed_field_type_is_breaking_and_the_model_follows(repo: Path) -> None:
    result = update(repo, "change-type.json")

    assert result.returncode == 0, result.stderr
    assert "BREAKING  DELETE /outbound/smarthost: response field type changed 200 success: boolean -> string" in (
        result.stdout
    )
    pinned_and_canonical(repo, "change-type.json")
    model = (repo / "generated" / "jetemail_api_client" / "models" / "delete_smtp_user_ok.py").read_text()
    assert "success: str | Unset" in model
    contract_tests_pass(repo, "tests/test_delete_outbound_smarthost.py")


def test_unsupported_content_type_stops_the_update_loudly_and_changes_nothing(repo: Path) -> None:
    before = {path: path.read_bytes() for path in [repo / "openapi.json", repo / "Makefile"]}
    generated_before = sorted(p.relative_to(repo) for p in (repo / "generated").rglob("*"))

    result = update(repo, "unsupported-content-type.json")

    assert result.returncode == 1
    assert "POST /outbound/smarthost" in result.stderr
    assert "content_type_overrides" in result.stderr
    assert all(path.read_bytes() == content for path, content in before.items())
    assert sorted(p.relative_to(repo) for p in (repo / "generated").rglob("*")) == generated_before


def test_spec_and_yaml_inputs_land_in_one_stable_format(tmp_path: Path) -> None:
    as_json = tmp_path / "spec.json"
    as_json.write_text(json.dumps(read_document(str(FIXTURES / "add-operation.yaml"))), encoding="utf-8")

    assert canonical(read_document(str(as_json))) == canonical(read_document(str(FIXTURES / "add-operation.yaml")))
    assert canonical(read_document(str(ROOT / "openapi.json"))) == (ROOT / "openapi.json").read_text()


def test_a_spec_is_fetched_from_a_url_too() -> None:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(FIXTURES))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/add-operation.yaml"
            assert read_document(url) == read_document(str(FIXTURES / "add-operation.yaml"))
        finally:
            server.shutdown()
            thread.join()
