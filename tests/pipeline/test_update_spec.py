"""`make update-spec` on the fixture specs, each in a throwaway copy of the repo.

Checks the printed SDK-level diff (breaking flags, behaviour changes, the version bump), the rewritten and
re-pinned openapi.json, the names the policy gave, the regenerated code and version, and that the contract
tests pass on the updated SDK with no test written for it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scripts import generator_config, naming, sandbox
from scripts.diff.report import bumped
from scripts.oas import ROOT, SpecError, operations_of, read_document
from scripts.update_spec import canonical
from tests.support.profiles import STRICT, strict_only

pytestmark = pytest.mark.update_spec
FIXTURES = ROOT / "tests" / "fixtures"
RESEND = FIXTURES / "resend"
SEED_TESTS = (
    "tests/sdk/test_delete_outbound_smarthost.py",
    "tests/sdk/test_request_validation.py",
    "tests/sdk/test_readme.py",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repo sharing this one's venv, its spec set back to the baseline the fixtures change."""
    copy = sandbox.copy_repo(tmp_path / "repo")
    if (copy / "openapi.json").read_text() != canonical(read_document(str(FIXTURES / "baseline.json"))):
        adopted = sandbox.run(copy, "python", "-m", "scripts.update_spec", "--quiet", str(FIXTURES / "baseline.json"))
        assert adopted.returncode == 0, adopted.stderr
    return copy


def update(repo: Path, fixture: str) -> subprocess.CompletedProcess[str]:
    return sandbox.run(repo, "python", "-m", "scripts.update_spec", str(FIXTURES / fixture))


def updated(repo: Path, fixture: str, bump: str) -> str:
    """Update to the fixture, which must succeed with this version bump; what it printed."""
    before = version(repo)
    result = update(repo, fixture)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(f"; version bump: {bump}") == 1, result.stdout
    assert version(repo) == bumped(before, bump)
    return result.stdout


def version(repo: Path) -> str:
    return generator_config.computed(repo / generator_config.CONFIG.name).version


def names(repo: Path) -> dict[str, str]:
    return generator_config.computed(repo / generator_config.CONFIG.name).class_overrides


def contract_tests_pass(repo: Path, *tests: str, always: bool = False) -> None:
    """The tests, run on the updated SDK in the copy: under the strict profile for every fixture, under the
    quick one for the fixture that exercises the most (the new GET), to keep `make test` fast. Under the
    strict profile the whole suite runs too (the quick profile of it, as `make update-spec` runs it, less the
    slow workflow tests), so that no test written for the old spec breaks on the new one."""
    if not (STRICT or always):
        return
    result = sandbox.run(repo, "python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    if not STRICT:
        return
    whole = ["-m", "not update_spec and not packaging and not drift", "--ignore=tests/sdk/spec_wide"]
    result = sandbox.run(
        repo, "python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *whole, env={"TEST_PROFILE": "quick"}
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def pinned_and_canonical(repo: Path, fixture: str) -> None:
    spec = repo / "openapi.json"
    assert spec.read_text(encoding="utf-8") == canonical(read_document(str(FIXTURES / fixture)))
    assert sandbox.run(repo, "python", "-m", "scripts.spec_pin", "check").returncode == 0
    assert sandbox.run(repo, "python", "-m", "scripts.version_policy", "check").returncode == 0


def package(repo: Path) -> Path:
    return repo / "generated" / "jetemail_api_client"


def test_added_operations_are_a_minor_change_generated_and_covered(repo: Path) -> None:
    printed = updated(repo, "add-operation.yaml", "minor")

    assert "GET /outbound/smarthost/{username}: operation added" in printed
    assert "PATCH /outbound/smarthost/{username}: operation added" in printed
    assert "BREAKING" not in printed
    pinned_and_canonical(repo, "add-operation.yaml")
    assert (package(repo) / "api" / "smarthost" / "get_outbound_smarthost_username.py").is_file()
    assert f"## {version(repo)}" in (repo / "CHANGELOG.md").read_text()
    contract_tests_pass(repo, "tests/sdk/spec_wide", *SEED_TESTS)


def test_a_camel_case_response_field_is_a_minor_change_reachable_by_its_python_name(repo: Path) -> None:
    printed = updated(repo, "camel-case-field.json", "minor")

    assert "response field added 200 deletedAt (string(date-time), optional)" in printed
    assert "DeleteSmtpUserOk.deleted_at: attribute added" in printed
    model = (package(repo) / "models" / "delete_smtp_user_ok.py").read_text()
    assert "deleted_at: datetime.datetime | Unset" in model
    contract_tests_pass(repo, "tests/sdk/spec_wide", *SEED_TESTS)


def test_an_added_status_is_a_behaviour_change_named_by_the_policy(repo: Path) -> None:
    printed = updated(repo, "add-429.json", "minor")

    name = f"DeleteSmtpUser{naming.reason('429')}"  # the operation's name, as for its other statuses
    assert f"status added 429 (behaviour change: was UnexpectedStatus, now returns {name})" in printed
    assert "BREAKING" not in printed
    assert names(repo)["DeleteOutboundSmarthostResponse429"] == name == "DeleteSmtpUserTooManyRequests"
    assert (package(repo) / "models" / "delete_smtp_user_too_many_requests.py").is_file()
    contract_tests_pass(repo, "tests/sdk/spec_wide", *SEED_TESTS)


def test_a_new_get_with_camel_case_path_parameters_and_date_times(repo: Path) -> None:
    printed = updated(repo, "add-get-camel-path.json", "minor")

    assert "GET /outbound/smarthost/{smtpUsername}/deliveries/{deliveryId}: operation added" in printed
    given = set(names(repo).values())
    assert {"GetSmtpDeliveryOk", "GetSmtpDeliveryNotFound"} <= given  # from its summary "Get SMTP delivery"
    assert not any("Response" in name for name in given)
    module = package(repo) / "api" / "outbound" / "get_outbound_smarthost_smtp_username_deliveries_delivery_id.py"
    assert "smtp_username: str" in module.read_text() and "delivery_id: UUID" in module.read_text()
    contract_tests_pass(repo, "tests/sdk/spec_wide", *SEED_TESTS, always=True)


def operation_keys(fixture: str) -> set[str]:
    return {f"{method} {path}" for method, path, _ in operations_of(read_document(str(FIXTURES / fixture)))}


@strict_only
def test_a_grown_spec_keeps_every_test_green(repo: Path) -> None:
    """Several operations, path parameters, GETs with enums and date-times, components for the first operation's
    responses: no test that runs on an updated spec may assume the seed's shape (issue 17, item 10)."""
    added = operation_keys("grown-jetemail.json") - operation_keys("baseline.json")
    printed = updated(repo, "grown-jetemail.json", "minor")

    assert added and all(f"{key}: operation added" in printed for key in added)
    pinned_and_canonical(repo, "grown-jetemail.json")
    contract_tests_pass(repo, "tests/sdk/spec_wide", *SEED_TESTS)


def test_a_removed_status_is_breaking_and_its_model_is_gone(repo: Path) -> None:
    printed = updated(repo, "remove-status.json", "major")

    assert "BREAKING  DELETE /outbound/smarthost: status removed 500" in printed
    assert "BREAKING  models.delete_smtp_user_server_error: module removed" in printed
    pinned_and_canonical(repo, "remove-status.json")
    assert not (package(repo) / "models" / "delete_smtp_user_server_error.py").exists()
    contract_tests_pass(repo, *SEED_TESTS)


def test_a_changed_field_type_is_breaking_in_both_diffs(repo: Path) -> None:
    printed = updated(repo, "change-type.json", "major")

    assert "BREAKING  DELETE /outbound/smarthost: response field type changed 200 success: boolean -> string" in printed
    field = "models.delete_smtp_user_ok.DeleteSmtpUserOk.success"
    assert f"BREAKING  {field}: field type changed bool | Unset -> str | Unset" in printed
    assert "success: str | Unset" in (package(repo) / "models" / "delete_smtp_user_ok.py").read_text()
    contract_tests_pass(repo, "tests/sdk/test_delete_outbound_smarthost.py")


def test_content_types_the_generator_cannot_model_are_generated_as_raw_bytes(repo: Path) -> None:
    printed = updated(repo, "unsupported-content-type.json", "minor")

    assert "text/csv: POST /outbound/smarthost request" in printed
    assert "application/xml: GET /outbound/smarthost response 200" in printed
    post = (package(repo) / "api" / "outbound" / "post_outbound_smarthost.py").read_text()
    get = (package(repo) / "api" / "outbound" / "get_outbound_smarthost.py").read_text()
    assert "body: File" in post and 'headers["Content-Type"] = "text/csv"' in post
    assert "Response[File]" in get
    contract_tests_pass(repo, "tests/sdk/spec_wide")


def unchanged(repo: Path) -> dict[str, bytes]:
    files = ["openapi.json", "Makefile", "generator-config.yaml"]
    return {name: (repo / name).read_bytes() for name in files} | {
        str(path.relative_to(repo)): path.read_bytes() for path in (repo / "generated").rglob("*.py")
    }


def test_a_construct_the_generator_refuses_stops_the_update_and_changes_nothing(repo: Path) -> None:
    before = unchanged(repo)

    result = update(repo, "generator-refuses.json")

    assert result.returncode == 1
    assert "DELETE /outbound/smarthost" in result.stderr and "update stopped" in result.stderr
    assert unchanged(repo) == before


def test_a_spec_that_is_not_valid_yaml_is_named_with_its_line_and_changes_nothing(repo: Path) -> None:
    broken = next(RESEND.glob("027-*.yaml"))
    before = unchanged(repo)

    result = sandbox.run(repo, "python", "-m", "scripts.update_spec", str(broken))

    assert result.returncode == 1
    assert result.stderr.strip() == f"{broken}:1838:34: not valid YAML: mapping values are not allowed here"
    assert unchanged(repo) == before
    with pytest.raises(SpecError, match=r":1838:34: not valid YAML"):
        read_document(str(broken))


def test_spec_and_yaml_inputs_land_in_one_stable_format(tmp_path: Path) -> None:
    as_json = tmp_path / "spec.json"
    as_json.write_text(json.dumps(read_document(str(FIXTURES / "add-operation.yaml"))), encoding="utf-8")

    assert canonical(read_document(str(as_json))) == canonical(read_document(str(FIXTURES / "add-operation.yaml")))
    assert canonical(read_document(str(ROOT / "openapi.json"))) == (ROOT / "openapi.json").read_text()


def test_vendored_specs_keep_their_license_and_provenance() -> None:
    notice = (RESEND / "README.md").read_text(encoding="utf-8")
    assert "MIT" in notice and (RESEND / "LICENSE").read_text(encoding="utf-8").startswith("Copyright")
    for spec in RESEND.glob("*.yaml"):
        assert spec.name in notice, f"{spec.name} is not listed in {RESEND / 'README.md'}"


def hostile_layout_spec() -> dict[str, object]:
    """Names that would break the resource clients if the layout or the template took them at their word."""
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}

    def query(name: str) -> dict[str, object]:
        return {"name": name, "in": "query", "schema": {"type": "string"}}

    thing = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "given": {"type": "string"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": "1"},
        "servers": [{"url": "https://api.hostile.test"}],
        "paths": {
            "/search": {"get": {"parameters": [query("timeout"), query("retries")], "responses": ok}},
            "/things": {
                "post": {
                    "parameters": [query("fields")],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": thing}}},
                    "responses": ok,
                }
            },
            "/things/typing": {"get": {"parameters": [query("typing")], "responses": ok}},
            "/things/property": {"get": {"responses": ok}},
            "/things/zeta": {"get": {"responses": ok}},
        },
    }


def test_parameters_and_resources_named_like_the_clients_own_names_still_work(repo: Path, tmp_path: Path) -> None:
    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(hostile_layout_spec()))
    adopted = sandbox.run(repo, "python", "-m", "scripts.update_spec", "--fresh", str(spec))
    assert adopted.returncode == 0, adopted.stderr
    for command in (
        ("ruff", "check", "--no-cache", "generated"),
        ("mypy", "--strict", f"generated/{package(repo).name}"),
    ):
        checked = sandbox.run(repo, *command)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    script = """
import httpx, json
from jetemail_api_client import JetEmail
sent = []
def answer(request):
    sent.append(request)
    return httpx.Response(200, json={})
client = JetEmail(api_key="api_x", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
client.search.list(timeout_="30", retries_="2", timeout=5.0, retries=0)
client.things.create(fields="id,name", name="n", given="g")
client.things.typing.list(typing="t")
client.things.property.list()
client.things.zeta.list()
print(json.dumps([[r.method, str(r.url), r.content.decode()] for r in sent]))
"""
    ran = sandbox.run(repo, "python", "-c", script, env={"PYTHONPATH": "generated"})
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == [
        ["GET", "https://api.hostile.test/search?timeout=30&retries=2", ""],
        ["POST", "https://api.hostile.test/things?fields=id%2Cname", '{"name":"n","given":"g"}'],
        ["GET", "https://api.hostile.test/things/typing?typing=t", ""],
        ["GET", "https://api.hostile.test/things/property", ""],
        ["GET", "https://api.hostile.test/things/zeta", ""],
    ]
