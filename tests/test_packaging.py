"""Packaging smoke test: build the wheel and sdist of generated/, install the wheel into a throwaway
venv (dependencies pinned by requirements-dev.txt), and call the operation from there."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import venv
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from scripts.generate import OUTPUT
from scripts.spec_pin import ROOT
from scripts.version_policy import built_version
from tests.spec_contract import SPEC, operation, package_name

pytestmark = pytest.mark.packaging
OPERATION = operation("DELETE", "/outbound/smarthost")
PYTHONS = ("3.11", "3.12", "3.13")  # the Python versions the classifiers claim


def run(*command: str | Path, cwd: Path) -> str:
    # uv_build's backend finds its `uv-build` binary on PATH: put the pinned venv's bin first.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
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


def test_sdist_carries_the_package_its_build_metadata_and_license(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", f"{package_name()}/py.typed", f"{package_name()}/client.py"} <= (
        names
    )


def test_installed_wheel_imports_and_calls_the_operation(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # No network: the wheel's dependencies come from the pinned dev venv, seen through a .pth file (which
    # does not carry the dev venv's editable install of the SDK), and `pip check` proves they satisfy it.
    (site_packages,) = (env / "lib").glob("python3*/site-packages")
    (site_packages / "_pinned_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", "--no-deps", wheel,
        cwd=tmp_path)  # fmt: skip
    run(python, "-m", "pip", "check", cwd=tmp_path)
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
    output = run(python, "-c", script, cwd=tmp_path)  # cwd outside the repo: only the installed wheel is importable
    model_name, module_file = output.split()
    assert model_name == OPERATION.success.model_name
    assert Path(module_file).is_relative_to(env)
