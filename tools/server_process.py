"""Starting a local server as a separate process: the stand-in for the demo, the benchmark's server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

URL = re.compile(r" on (http://\S+?)(?:;|\s|$)")


@contextmanager
def server_process(module: str, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`python -m module args`, a server whose first line names its URL (`... on http://host:port`);
    yields the process and that URL, and terminates the process afterwards if it is still running."""
    with subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.PIPE, text=True) as process:
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
