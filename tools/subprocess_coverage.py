"""A pytest plugin for `make mutation`'s baseline (tools/mutation.py): what a test runs in a Python subprocess, such as
a script run in a throwaway copy of the repo (scripts/sandbox.py), is recorded under that test, as pytest-cov
records what the test runs itself.

coverage's `[run] patch = subprocess` hands every Python subprocess its configuration in COVERAGE_PROCESS_CONFIG.
Around each test's setup and call this plugin rewrites that configuration: the test's context (pytest-cov's
`<node id>|setup` and `<node id>|run`), the measured folders wherever a temporary copy of the repo puts them
(`/tmp/**/scripts/*` rather than this copy's scripts/; never a checkout elsewhere, such as the one an editable
install points at), and a parallel data file of its own under $SUBPROCESS_COVERAGE, which tools/mutation.py reads
beside the main one.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CONFIG = "COVERAGE_PROCESS_CONFIG"  # what coverage's subprocess patch sets: the configuration, serialized
DATA = "SUBPROCESS_COVERAGE"  # where tools/mutation.py wants the subprocesses' data files


def rewritten(serialized: str, context: str, root: Path, data: Path) -> str:
    config = json.loads(base64.b64decode(serialized))
    folders = [
        Path(source).relative_to(root) for source in config.get("source") or () if Path(source).is_relative_to(root)
    ]
    temporary = Path(tempfile.gettempdir()).resolve().as_posix()
    config.update(
        context=context,
        parallel=True,
        data_file=str(data / ".coverage"),
        source=None,  # `include` applies only without `source`
        run_include=[f"{temporary}/**/{folder.as_posix()}/*" for folder in folders],
    )
    return base64.b64encode(json.dumps(config).encode()).decode()


def _labelled(item: pytest.Item, phase: str) -> Iterator[None]:
    serialized, data = os.environ.get(CONFIG), os.environ.get(DATA)
    if serialized is None or data is None:
        yield
        return
    os.environ[CONFIG] = rewritten(serialized, f"{item.nodeid}|{phase}", item.config.rootpath, Path(data))
    try:
        yield
    finally:
        os.environ[CONFIG] = serialized


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    # a fixture's subprocess: the fixture may be module-scoped, serving later tests too (tools/mutation.py)
    yield from _labelled(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield from _labelled(item, "run")
