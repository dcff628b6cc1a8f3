"""Packaging: build the wheel and sdist of generated/, check what their metadata claims, install the wheel into
throwaway venvs and use it there, at both ends of the dependency ranges it declares:

- `pinned`: the versions requirements-dev.txt pins (the newest releases in range), seen from the dev venv;
- `floors` (marker `floors`): every dependency at its declared lower bound (tools/floors.py), installed offline
  from the wheel cache `make floor-wheels` fills (make test fills it first; without it these tests fail).

From each, the SDK's loopback tests (tests/sdk/test_over_loopback.py, and the proxy tests of
tests/sdk/test_client_defaults.py: a real call through an HTTP_PROXY on loopback) run against the installed wheel;
at the pinned versions only under the strict profile (CI) or `make bounds`, since the quick profile runs the
same tests at those versions from generated/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from scripts.generate import OUTPUT
from scripts.spec_pin import ROOT
from scripts.version_policy import built_version
from tests.support.profiles import STRICT
from tests.support.spec_contract import SPEC, operation, package_name
from tools.floors import FILL, FLOOR_WHEELS, floors, missing
from tools.standin import DEFAULT_API_KEY, SEED_USERS, StandIn

pytestmark = pytest.mark.packaging
OPERATION = operation("DELETE", "/outbound/smarthost")
PYTHONS = ("3.11", "3.12", "3.13")  # the Python versions the classifiers claim
# The loopback tests run from each installed wheel: every test of the first file, the proxy tests of the second.
LOOPBACK_TESTS = ("tests/sdk/test_over_loopback.py", "tests/sdk/test_client_defaults.py")
LOOPBACK_SELECTION = "test_over_loopback or proxy"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    # uv_build's backend finds its `uv-build` binary on PATH: put the pinned venv's bin first.
    env = {**(env or os.environ), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, OUTPUT, cwd=ROOT)
    return out


def wheel_metadata(dist: Path) -> tuple[Message, dict[str, bytes]]:
    """The wheel's METADATA, and its files by name."""
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    (metadata_name,) = [name for name in files if name.endswith(".dist-info/METADATA")]
    return HeaderParser().parsestr(files[metadata_name].decode()), files


def test_wheel_carries_metadata_from_the_spec_and_py_typed(dist: Path) -> None:
    metadata, files = wheel_metadata(dist)
    assert f"{package_name()}/py.typed" in files
    assert metadata["Name"] == "jetemail-api-client"
    assert metadata["Version"] == built_version()  # the SDK's own version (the version policy)
    assert metadata["Summary"].endswith(f"(API version {SPEC['info']['version']})")
    assert {requirement.split(">")[0].split("=")[0] for requirement in metadata.get_all("Requires-Dist", [])} >= {
        "httpx",
        "attrs",
    }


def test_wheel_carries_the_mit_license_and_says_so(dist: Path) -> None:
    metadata, files = wheel_metadata(dist)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    (license_name,) = [name for name in files if name.endswith(".dist-info/licenses/LICENSE")]
    assert files[license_name] == (ROOT / "LICENSE").read_bytes()
    assert files[license_name].startswith(b"MIT License\n\nCopyright (c) 2026 JetEmail SDK contributors\n")
    classifiers = metadata.get_all("Classifier", [])
    assert not [c for c in classifiers if c.startswith("License ::")]  # deprecated beside an expression (PEP 639)


def test_wheel_metadata_links_classifies_and_names_keywords(dist: Path) -> None:
    metadata, _ = wheel_metadata(dist)
    assert metadata.get_all("Project-URL") == ["Documentation, https://docs.jetemail.com"]
    classifiers = set(metadata.get_all("Classifier", []))
    assert {
        "Intended Audience :: Developers",
        "Topic :: Communications :: Email",
        "Typing :: Typed",
        *(f"Programming Language :: Python :: {python}" for python in PYTHONS),
    } <= classifiers
    claimed = sorted(
        (c.rsplit(" ", 1)[1] for c in classifiers if c.startswith("Programming Language :: Python :: 3.")),
        key=lambda version: tuple(map(int, version.split("."))),
    )
    assert claimed == list(PYTHONS)
    requires_python = SpecifierSet(metadata["Requires-Python"])
    assert requires_python == SpecifierSet(f">={PYTHONS[0]}")  # the classifiers start where the SDK does
    assert {"jetemail", "email", "smtp"} <= set(metadata["Keywords"].split(","))


def test_every_dependency_declares_the_floor_the_floors_tests_install(dist: Path) -> None:
    metadata, _ = wheel_metadata(dist)
    declared = {Requirement(line).name: Requirement(line) for line in metadata.get_all("Requires-Dist", [])}
    tested = dict(floor.split("==") for floor in floors())
    assert declared.keys() == tested.keys()
    for name, requirement in declared.items():
        assert tested[name] in requirement.specifier, f"{name}: the floor {tested[name]} is outside {requirement}"
    assert tested["httpx"] == "0.26.0"  # 0.23-0.25 break the retrying transport under a proxy (the template says)


def test_readme_states_the_declared_dependency_ranges() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in tomllib.loads((OUTPUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]:
        assert f"`{line}`" in readme, f"README.md does not state the dependency {line}"


def test_sdist_carries_the_package_its_build_metadata_and_license(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", f"{package_name()}/py.typed", f"{package_name()}/client.py"} <= (
        names
    )


def test_twine_accepts_both_distributions_as_the_release_uploads_them(dist: Path) -> None:
    """release.yml runs the same check before publishing: metadata an index would refuse fails here first."""
    checked = run(Path(sys.executable).parent / "twine", "check", "--strict", *sorted(dist.iterdir()), cwd=ROOT)

    assert checked.count("PASSED") == len(list(dist.iterdir())) == 2, checked


@dataclass(frozen=True)
class Installed:
    bound: str
    env: Path
    python: Path
    versions: dict[str, str]  # the version each dependency must have there


def dependency_names() -> list[str]:
    return [floor.split("==")[0] for floor in floors()]


def pinned_versions() -> dict[str, str]:
    lines = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    pins = {Requirement(line).name.lower(): line.split("==")[1] for line in lines if "==" in line}
    return {name: pins[name.lower()] for name in dependency_names()}


def isolated_pip_env() -> dict[str, str]:
    """The environment without pip's configuration: only what a command line names is an index or a link."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("PIP_")}, "PIP_CONFIG_FILE": os.devnull}


def see_dev_venv(env: Path) -> None:
    """Let env import what the dev venv has (pytest and the tools the tests use) after its own packages, through a
    .pth file, which does not carry the dev venv's editable install of the SDK."""
    (site_packages,) = (env / "lib").glob("python3*/site-packages")
    (site_packages / "_pinned_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


@pytest.fixture(scope="module", params=[pytest.param("floors", marks=pytest.mark.floors), "pinned"])
def installed(request: pytest.FixtureRequest, dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel installed into a fresh venv with its dependencies at one end of their ranges, offline."""
    bound: str = request.param
    (wheel,) = dist.glob("*.whl")
    env = tmp_path_factory.mktemp(bound) / "venv"
    venv.create(env, with_pip=False)  # the dev venv's pip installs into it (--python): no ensurepip, seconds saved
    python = env / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check")
    if bound == "floors":
        absent = missing()
        if absent:
            pytest.fail(f"{FLOOR_WHEELS} lacks the wheels of {', '.join(absent)}: run `{FILL}` (it downloads them)")
        run(*pip, "install", "--quiet", "--no-index", "--find-links", FLOOR_WHEELS, wheel, *floors(),
            cwd=env, env=isolated_pip_env())  # fmt: skip
        run(*pip, "check", cwd=env)  # before the dev venv is seen: the wheel's own dependencies are consistent
        see_dev_venv(env)
        return Installed(bound, env, python, dict(floor.split("==") for floor in floors()))
    # The dev venv's pinned packages are the dependencies: --no-deps, and `pip check` proves they satisfy the wheel.
    see_dev_venv(env)
    run(*pip, "install", "--quiet", "--no-index", "--no-deps", wheel, cwd=env)
    run(*pip, "check", cwd=env)
    return Installed(bound, env, python, pinned_versions())


def test_installed_wheel_has_its_dependencies_at_the_bound(installed: Installed) -> None:
    script = textwrap.dedent(f"""
        import importlib.metadata, json, {package_name()} as sdk
        names = {list(installed.versions)!r}
        print(json.dumps({{"versions": {{n: importlib.metadata.version(n) for n in names}}, "sdk": sdk.__file__}}))
    """)
    seen = json.loads(run(installed.python, "-c", script, cwd=installed.env))  # cwd outside the repo
    assert seen["versions"] == installed.versions
    assert Path(seen["sdk"]).is_relative_to(installed.env)


def test_installed_wheel_imports_and_calls_the_operation(installed: Installed) -> None:
    module = OPERATION.module
    script = textwrap.dedent(f"""
        import httpx
        from {package_name()} import AuthenticatedClient
        from {module.rsplit(".", 1)[0]} import {module.rsplit(".", 1)[1]} as endpoint
        from {package_name()}.models import {OPERATION.request_model_name} as Request

        def handler(request):
            assert request.method == {OPERATION.method!r} and request.url.path == {OPERATION.path!r}
            return httpx.Response({OPERATION.success.status}, json={OPERATION.success.example!r})

        transport = httpx.MockTransport(handler)
        client = AuthenticatedClient(base_url="https://sdk.test", token="api_x", httpx_args={{"transport": transport}})
        result = endpoint.sync(client=client, body=Request.from_dict({OPERATION.request_example!r}))
        print(type(result).__name__, endpoint.__file__)
    """)
    output = run(installed.python, "-c", script, cwd=installed.env)  # outside the repo: only the wheel is importable
    model_name, module_file = output.split()
    assert model_name == OPERATION.success.model_name
    assert Path(module_file).is_relative_to(installed.env)


def test_loopback_tests_pass_from_the_installed_wheel(installed: Installed, tmp_path: Path) -> None:
    if installed.bound == "pinned" and not STRICT:
        pytest.skip("the quick profile runs them at the pinned versions from generated/; `make bounds` or CI runs this")
    junit = tmp_path / "loopback.xml"
    # From the repo (the tests, the stand-in), with pythonpath "." only: the SDK is the installed wheel, not generated/.
    run(installed.python, "-m", "pytest", "-q", "-o", "pythonpath=.", f"--junitxml={junit}", "-k", LOOPBACK_SELECTION,
        *LOOPBACK_TESTS, cwd=ROOT)  # fmt: skip
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    ran = [(case.get("classname", ""), case.get("name", "")) for case in cases if not list(case)]
    assert any(name.startswith("test_documented_response_over_loopback") for _, name in ran)
    assert any("environment_proxy" in name for _, name in ran), "no test ran a call through a proxy on loopback"


def test_the_floors_come_from_the_pyproject_the_generator_writes(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["a>=1.2,<2", "b~=3.1", "c==4"]\n')
    assert floors(pyproject) == ["a==1.2", "b==3.1", "c==4"]
    pyproject.write_text('[project]\ndependencies = ["d<2"]\n')
    with pytest.raises(SystemExit, match="lower bound"):
        floors(pyproject)


def test_the_floor_wheels_found_missing_are_named(tmp_path: Path) -> None:
    assert missing(tmp_path) == floors()
    (tmp_path / "httpx-0.26.0-py3-none-any.whl").touch()
    (tmp_path / "sniffio-1.3.1-py3-none-any.whl").touch()  # not the floor
    assert "httpx==0.26.0" not in missing(tmp_path) and "sniffio==1.3.0" in missing(tmp_path)


def test_a_consumer_project_runs_and_type_checks_against_the_installed_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    """Another service's code (tests/consumer/offboarding.py: both clients, a match, per-call timeout and extra
    headers) in a project of its own: it runs against the stand-in over loopback, and mypy --strict and pyright
    in strict mode accept it with only the installed wheel to read."""
    project = tmp_path / "consumer"
    project.mkdir()
    script = project / "offboarding.py"
    script.write_text((ROOT / "tests" / "consumer" / "offboarding.py").read_text(encoding="utf-8"))
    (project / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict", "pythonVersion": "3.11"}\n')
    with StandIn() as server:
        env = {**os.environ, "JETEMAIL_API_KEY": DEFAULT_API_KEY, "JETEMAIL_BASE_URL": server.url}
        users = [*SEED_USERS[:2], "nobody"]
        result = subprocess.run(
            [installed.python, script, *users], cwd=project, env=env, capture_output=True, text=True, check=False
        )
        assert server.users == set(SEED_USERS[2:])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1].split(" ")[0] for line in lines[:3]] == ["deleted", "deleted", "already"]
    assert lines[3] == "again: HTTP 404, request id -"
    assert all(line.endswith(": already gone") for line in lines[4:]) and len(lines) == 7

    tools = Path(sys.executable).parent
    run(tools / "mypy", "--strict", "--no-incremental", "--python-executable", installed.python, script, cwd=project)
    run(tools / "pyright", "--pythonpath", installed.python, script, cwd=project)
