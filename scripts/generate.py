"""Regenerate generated/ from the pinned openapi.json.

    python -m scripts.generate [--force]

The generator writes into a fresh temporary folder which is then swapped in whole, so a file the
new spec no longer produces cannot survive. The work is skipped when neither the inputs nor
generated/ changed since the last run (a content fingerprint in .cache/, not file times).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scripts import generator_config, generator_input, generator_view, oas, resources
from scripts.spec_pin import ROOT, SPEC, pin_mismatch

JSON = dict[str, Any]
CONFIG = generator_config.CONFIG
TEMPLATES = ROOT / "templates"
OUTPUT = ROOT / "generated"
FINGERPRINT = ROOT / ".cache" / "generate.fingerprint"
# Files the generator cannot render, copied into the output as they are: the package's build ships them
# (generated/pyproject.toml names LICENSE in `license-files`, so the wheel and the sdist carry it).
COPIED = (ROOT / "LICENSE",)
# The SDK's hand-written runtime: plain Python, linted and tested as source, copied verbatim into the package
# (over the generator's own errors.py and types.py). Its __init__.py only makes the folder a package here.
RUNTIME = ROOT / "runtime"


def runtime_files() -> list[Path]:
    return sorted(path for path in RUNTIME.glob("*.py") if path.name != "__init__.py")


# Everything that can change the output: the spec, the config, the templates, the copied files, the pinned
# tools, this script.
INPUT_FILES = (
    SPEC,
    CONFIG,
    *COPIED,
    *runtime_files(),
    ROOT / "requirements-dev.txt",
    Path(__file__).resolve(),
    Path(generator_input.__file__).resolve(),
    Path(generator_view.__file__).resolve(),
    Path(resources.__file__).resolve(),
)
META = "uv"  # PEP 621 [project] metadata, built by uv_build


TOOL_CACHES = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def tree_files(root: Path) -> list[Path]:
    """Files under root as the generator leaves them (none if root is missing): caches that imports and linters add
    are not output."""
    return sorted(
        path for path in root.rglob("*") if path.is_file() and not TOOL_CACHES & set(path.relative_to(root).parts)
    )


def digest(files: Iterable[Path], relative_to: Path, mask: bytes = b"") -> str:
    """One sha256 over the files' names and contents; `mask` (if any) is blanked out of the contents."""
    hasher = hashlib.sha256()
    for path in files:
        content = path.read_bytes()
        hasher.update(path.relative_to(relative_to).as_posix().encode() + b"\0")
        hasher.update(hashlib.sha256(content.replace(mask, b"<masked>") if mask else content).digest())
    return hasher.hexdigest()


def fingerprint() -> str:
    inputs = digest([*INPUT_FILES, *tree_files(TEMPLATES)], ROOT)
    return f"inputs {inputs}\noutput {digest(tree_files(OUTPUT), OUTPUT)}\n"


def spec_values_template(spec: JSON, config: Path) -> str:
    """Values from the spec that templates render but the generator does not pass them: the servers, and the
    resource layout of the JetEmail clients (scripts/resources.py), as Jinja literals."""
    view = generator_view.view(spec, generator_view.config_file(config), Path(SPEC.name))
    placements = resources.layout(view)
    layout = []
    for chain in resources.resource_chains(placements):
        below = [p for p in placements if p.chain[: len(chain)] == chain]
        layout.append(
            {
                "chain": list(chain),
                "children": sorted({p.chain[len(chain)] for p in below if p.chain != chain}),
                "operations": {
                    p.key: {"method": p.method, "flat_body": p.flat_body} for p in below if p.chain == chain
                },
            }
        )
    return (
        "{#- Written by scripts/generate.py from openapi.json for each generation; never edited by hand. -#}\n"
        f"{{% set server_url = {json.dumps(oas.server_url(spec))} %}}\n"
        f"{{% set resources = {json.dumps(layout)} %}}\n"
    )


def generator_document(spec: JSON, config: Path) -> str:
    """The spec as the generator reads it (scripts/generator_input.py) under the config, as JSON text."""
    overrides = generator_config.load(config).get("content_type_overrides") or {}
    return json.dumps(generator_input.prepared(spec, overrides), indent=2, ensure_ascii=False)


def generate_into(destination: Path, spec: JSON, config: Path, *, templates: Path | None = TEMPLATES) -> None:
    """Generate `spec` under `config` into `destination`, a new folder, then copy in COPIED and the runtime."""
    with tempfile.TemporaryDirectory(prefix="generator-input-") as scratch:
        document = Path(scratch) / SPEC.name
        document.write_text(generator_document(spec, config), encoding="utf-8")
        overlay = None
        if templates is not None and templates.is_dir():
            overlay = Path(scratch) / "templates"
            shutil.copytree(templates, overlay)
            (overlay / "spec_values.jinja").write_text(spec_values_template(spec, config), encoding="utf-8")
        _run_generator(destination, document, config, templates=overlay)
    for source in COPIED:
        shutil.copyfile(source, destination / source.name)
    package = destination / generator_config.load(config)["package_name_override"]
    for source in runtime_files():
        shutil.copyfile(source, package / source.name)


def _run_generator(destination: Path, document: Path, config: Path, *, templates: Path | None) -> None:
    tools = Path(sys.executable).parent  # the venv's bin: the pinned generator and the ruff its post-hooks run
    command = [
        str(tools / "openapi-python-client"),
        "generate",
        f"--path={document}",
        f"--config={config}",
        f"--meta={META}",
        f"--output-path={destination}",
        "--fail-on-warning",
    ]
    if templates is not None:
        command.append(f"--custom-template-path={templates}")
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not destination.is_dir():
        raise SystemExit(f"openapi-python-client failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")


def regenerate(spec: JSON, config: Path) -> None:
    """Generate `spec` under `config` and swap the result in as generated/, whole."""
    FINGERPRINT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="generate-", dir=FINGERPRINT.parent) as scratch:
        fresh, old = Path(scratch) / "generated", Path(scratch) / "old"
        generate_into(fresh, spec, config)
        if OUTPUT.exists():
            OUTPUT.rename(old)
        fresh.rename(OUTPUT)


USAGE = "usage: python -m scripts.generate [--force]"


def main(argv: list[str]) -> int:
    if set(argv) - {"--force"}:  # a mistyped flag must not pass for a run without it
        print(USAGE, file=sys.stderr)
        return 2
    mismatch = pin_mismatch()
    if mismatch:
        print(mismatch, file=sys.stderr)
        return 1
    if "--force" not in argv and FINGERPRINT.is_file() and FINGERPRINT.read_text() == fingerprint():
        print("generated/ is up to date with openapi.json, generator-config.yaml and templates/")
        return 0
    regenerate(oas.load_spec(SPEC), CONFIG)
    FINGERPRINT.write_text(fingerprint())
    print(f"regenerated {OUTPUT.name}/ ({len(tree_files(OUTPUT))} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
