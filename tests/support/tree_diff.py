"""A readable, file-by-file comparison of two generated trees."""

from __future__ import annotations

import difflib
from pathlib import Path

from scripts.generate import tree_files


def tree_diff(committed: Path, fresh: Path) -> str:
    """Empty when both trees hold the same files with the same bytes; else a report naming each difference."""
    ours = {path.relative_to(committed).as_posix(): path for path in tree_files(committed)}
    theirs = {path.relative_to(fresh).as_posix(): path for path in tree_files(fresh)}
    report = [f"only in the committed tree (stale): {name}" for name in sorted(ours.keys() - theirs.keys())]
    report += [f"missing from the committed tree: {name}" for name in sorted(theirs.keys() - ours.keys())]
    for name in sorted(ours.keys() & theirs.keys()):
        old, new = ours[name].read_bytes(), theirs[name].read_bytes()
        if old != new:
            lines = difflib.unified_diff(
                old.decode(errors="replace").splitlines(keepends=True),
                new.decode(errors="replace").splitlines(keepends=True),
                fromfile=f"committed/{name}",
                tofile=f"regenerated/{name}",
            )
            report.append(f"changed: {name}\n{''.join(lines)}")
    return "\n".join(report)
