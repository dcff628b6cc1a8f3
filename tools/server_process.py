"""Starting a local server as a separate process: the stand-in for the demo, the benchmark's server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

URL = re.compile(r" on (http://\S+?)(?:;|\s|$)")


@contextmanager
def server_process(module: str, *args: str, cwd: Path | None = None) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`python -m module args` (from `cwd`, a copy of the repo, if given), a server whose first line names its URL
    (`... on http://host:port`); yields the process and that URL, and terminates the process afterwards if it is
    still running."""
    command = [sys.executable, "-m", module, *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=cwd) as process:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = URL.search(banner)
        try:
            if found is None:
                raise SystemExit(f"{module} did not start: {banner!r}")
            yield process, found.group(1)
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
