"""`make mutation`: the share of deliberate bugs (tools/mutants.py) that the behavioural tests notice.

    python -m tools.mutation [--group runtime|generated|scripts] [--file PATH ...] [--jobs N] [--survivors FILE]

Groups: `runtime`, the hand-written runtime (runtime/, whose modules the package carries verbatim: a mutant is
written to both), `generated`, the rest of the package users run (what the templates render), and `scripts`, the
pipeline. The tests are the
behavioural ones: every test but the packaging and update-spec ones (and, for the runtime, the drift ones: for
the scripts they are the check that the pipeline still produces generated/), less any test that fails when the
target files change in no way that matters (a comment appended): those compare bytes, not behaviour, and are
found that way rather than by name. One run of those tests under coverage (pytest-cov's per-test contexts, and
tools/subprocess_coverage.py for what a test runs in a Python subprocess, such as a script in a throwaway copy
of the repo) records which tests run each line; a mutant is then tested by the tests that run its lines (one run
at import, or while a test is set up: every test of the test files that run it), in a throwaway copy of the repo
(one per job), and is killed when one of them fails, fails to load, or hangs. A mutant no test runs survives.

Survivors judged equivalent (no test could tell them apart) are listed, each with its reason, in
tools/mutation_equivalents.txt and left out of the score. It prints a score per file and per group and ends
with `mutation: S% (K killed / T mutants)`. A benchmark-like target: minutes, not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts import generate, sandbox
from scripts.spec_pin import ROOT
from tools.mutants import Mutant, mutants_of
from tools.subprocess_coverage import DATA as SUBPROCESS_DATA

PACKAGE = ROOT / "generated" / "jetemail_api_client"
GROUPS = {
    # the hand-written runtime, as source: each mutant is also written to the package's verbatim copy, which is
    # what the tests import (MIRRORS)
    "runtime": lambda: [path for path in generate.runtime_files()],
    # what the templates render: the package's modules that are not runtime copies, and of the __init__ files
    # those with code (the clients, the lazy imports), not the generator's one-line docstrings and re-exports
    "generated": lambda: sorted(
        {*PACKAGE.rglob("*.py")}
        - {*PACKAGE.rglob("__init__.py")}
        - {PACKAGE / path.name for path in generate.runtime_files()}
        | {PACKAGE / "__init__.py", PACKAGE / "api" / "__init__.py"}
    ),
    # the pipeline's modules, its subpackages' (scripts/diff/) among them; the __init__ files hold no code
    "scripts": lambda: sorted({*(ROOT / "scripts").rglob("*.py")} - {*(ROOT / "scripts").rglob("__init__.py")}),
}


def mirror(target: Path) -> Path | None:
    """The package's copy of a runtime module (paths from the repo root), which the tests run; None otherwise."""
    if target.parent == generate.RUNTIME.relative_to(ROOT):
        return PACKAGE.relative_to(ROOT) / target.name
    return None


EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.txt")
BEHAVIOURAL = {
    "runtime": "not drift and not packaging and not update_spec",
    "generated": "not drift and not packaging and not update_spec",
    "scripts": "not packaging and not update_spec",
}
# coverage's settings for the baseline: Python subprocesses are measured too (tools/subprocess_coverage.py).
COVERAGE_RC = "[run]\npatch = subprocess\n"
NEUTRAL = "\n# mutation: a neutral change\n"
TIMEOUT_FACTOR, TIMEOUT_FLOOR = 5.0, 60.0


def pytest(
    root: Path, *args: str, timeout: float | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    env = {**os.environ, "TEST_PROFILE": "quick", "COVERAGE_FILE": str(root / ".coverage"), **(env or {})}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def baseline(
    root: Path, targets: list[Path], behavioural: str
) -> tuple[dict[str, dict[int, set[str]]], dict[str, float], set[str]]:
    """One run of the behavioural tests under coverage, with every target changed neutrally: which tests run
    each line, how long each test took, and which tests failed (they check bytes: left out)."""
    copies = [*targets, *filter(None, map(mirror, targets))]
    originals = {target: (root / target).read_text(encoding="utf-8") for target in copies}
    for target, text in originals.items():
        (root / target).write_text(text + NEUTRAL, encoding="utf-8")
    report, settings, subprocesses = root / "baseline.xml", root / ".cache" / "coveragerc", subprocess_data(root)
    subprocesses.mkdir(parents=True)
    settings.write_text(COVERAGE_RC, encoding="utf-8")
    sources = sorted({f"--cov={(mirror(target) or target).parent}" for target in targets})
    pytest(
        root,
        *("-m", behavioural, *sources, "--cov-context=test", "--cov-report=", f"--cov-config={settings}"),
        *("-p", "tools.subprocess_coverage", f"--junitxml={report}"),
        env={SUBPROCESS_DATA: str(subprocesses)},
    )
    for target, text in originals.items():
        (root / target).write_text(text, encoding="utf-8")
    durations: dict[str, float] = defaultdict(float)
    failed: set[str] = set()
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        test = test_function(case.get("classname", ""), case.get("name", ""))
        durations[test] += float(case.get("time", 0))
        if case.find("failure") is not None or case.find("error") is not None:
            failed.add(test)
    return lines_run(root, targets), durations, failed


def test_function(classname: str, name: str) -> str:
    """A pytest node id of the test function (every parametrisation): tests.test_x + test_y[1] -> path::test_y."""
    return classname.replace(".", "/") + ".py::" + name.split("[")[0]


def subprocess_data(root: Path) -> Path:
    """Where the baseline's Python subprocesses put their coverage data (.cache is never copied into a sandbox)."""
    return root / ".cache" / "subprocess-coverage"


def lines_run(root: Path, targets: list[Path]) -> dict[str, dict[int, set[str]]]:
    """For each target, which test functions ran each line (pytest-cov's contexts), in this copy of the repo or, in
    a subprocess, in any copy of it; under the key 0, every test that ran any line of it, which is what a line run
    at import (a constant, a class body) counts as."""
    from coverage import CoverageData

    files = [root / ".coverage", *sorted(subprocess_data(root).glob(".coverage.*"))]
    by_target: dict[str, dict[int, set[str]]] = {target.as_posix(): defaultdict(set) for target in targets}
    for file in files:
        data = CoverageData(basename=str(file))
        data.read()
        for name in data.measured_files():
            target = copy_of(Path(name), root, targets)
            if target is not None:
                runs = by_target[target.as_posix()]
                for line, contexts in data.contexts_by_lineno(name).items():
                    runs[line].update(test for test in map(node_id, contexts) if test is not None)
    for runs in by_target.values():
        runs[0] = set().union(*runs.values()) if runs else set()
    return by_target


def copy_of(measured: Path, root: Path, targets: list[Path]) -> Path | None:
    """The target a measured file is: the target (or its package copy) in this copy of the repo, or the same path
    in another copy (a sandbox a test made); None for any other file."""
    for target in targets:
        for run in filter(None, (target, mirror(target))):  # a runtime module runs as the package's copy
            if measured.resolve() == (root / run).resolve() or measured.as_posix().endswith(f"/{run.as_posix()}"):
                return target
    return None


def node_id(context: str) -> str | None:
    """pytest-cov's test context (tests/test_x.py::test_y[param]|run) as the test function's node id; None for
    anything else (code run at import, while collecting). A line run while setting a test up stands for its whole
    file (tests/test_x.py::*): a module-scoped fixture runs it for the first test that asks and serves the rest
    from its cache."""
    test, _, phase = context.partition("|")
    test = test.split("[")[0]
    if not (test.startswith("tests/") and "::" in test):
        return None
    return f"{test.split('::')[0]}::*" if phase == "setup" else test


def chosen(mutant: Mutant, lines: dict[int, set[str]], every_test: Iterable[str]) -> set[str]:
    """The tests that can notice the mutant: those that ran its lines, and every test of a file whose fixtures ran
    them while setting up (node_id); for a line run at import (a default, a decorator, an attrs field), every
    test of each test file that ran any line of the target, as a test that touches the code only through what
    the import built (an attrs __init__, a dataclass's slots) runs no line of it but sits beside tests that do."""
    span = [0] if mutant.at_import else range(mutant.line, mutant.end_line + 1)
    named = {test for line in span for test in lines.get(line, ())}
    if mutant.at_import:
        named = {f"{test.split('::')[0]}::*" for test in named}
    return {test for test in every_test if test in named or f"{test.split('::')[0]}::*" in named}


def killed(worker: Path, snapshot: Path, mutant: Mutant, tests: list[str], budget: float, behavioural: str) -> bool:
    relative = mutant.path.relative_to(snapshot)
    written = [worker / path for path in filter(None, (relative, mirror(relative)))]
    original = written[0].read_text(encoding="utf-8")
    for target in written:
        target.write_text(mutant.source, encoding="utf-8")
    try:
        result = pytest(worker, "-x", "-m", behavioural, *tests, timeout=budget)
    except subprocess.TimeoutExpired:
        return True  # a hang is noticed too
    finally:
        for target in written:
            target.write_text(original, encoding="utf-8")
    if result.returncode in (3, 4) and pytest(worker, "-m", behavioural, *tests).returncode in (3, 4):
        # pytest's internal or usage error without the mutant too: the run's fault, not a kill
        raise RuntimeError(f"pytest cannot run {tests[:3]}...: {result.stdout[-800:]}{result.stderr[-400:]}")
    return result.returncode != 0 and result.returncode != 5  # 5: every test selected was deselected


def equivalents() -> dict[str, str]:
    """key -> reason, from tools/mutation_equivalents.txt (`key  # reason`, # comments and blank lines skipped)."""
    known: dict[str, str] = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines() if EQUIVALENTS.exists() else []:
        if line.strip() and not line.startswith("#"):
            key, _, reason = line.rpartition("  # ")
            known[key.strip()] = reason.strip()
    return known


def run(targets: list[Path], jobs: int, survivors_file: Path | None, behavioural: str) -> float:
    relative = [target.relative_to(ROOT) for target in targets]
    with tempfile.TemporaryDirectory(prefix="mutation-") as temporary:
        workers = [sandbox.copy_repo(Path(temporary) / f"worker-{n}") for n in range(jobs)]
        print(f"baseline: the behavioural tests under coverage ({len(relative)} files) ...", flush=True)
        runs, durations, byte_checks = baseline(workers[0], relative, behavioural)
        if byte_checks:
            print(f"left out, they check bytes not behaviour: {', '.join(sorted(byte_checks))}", flush=True)
        snapshot = workers[0]  # the files as they were when the run began, whatever happens to the checkout
        mutants = [mutant for target in relative for mutant in mutants_of(snapshot / target)]
        known = equivalents()
        free = list(workers)
        lock = threading.Lock()
        results: dict[Mutant, bool] = {}

        def test(mutant: Mutant) -> None:
            selected = chosen(mutant, runs[mutant.path.relative_to(snapshot).as_posix()], durations) - byte_checks
            tests = sorted(selected, key=lambda test: durations.get(test, 0.0))
            if not tests:
                results[mutant] = False
                return
            budget = max(TIMEOUT_FLOOR, TIMEOUT_FACTOR * sum(durations.get(test, 1.0) for test in tests))
            with lock:
                worker = free.pop()
            try:
                results[mutant] = killed(worker, snapshot, mutant, tests, budget, behavioural)
            finally:
                with lock:
                    free.append(worker)
                    if len(results) % 50 == 0:
                        print(f"  {len(results)}/{len(mutants)} tried, {sum(results.values())} killed", flush=True)

        print(f"{len(mutants)} mutants, {jobs} at a time ...", flush=True)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(test, mutants))
        return report(snapshot, mutants, results, known, survivors_file)


def report(
    root: Path, mutants: Iterable[Mutant], results: dict[Mutant, bool], known: dict[str, str], out: Path | None
) -> float:
    by_file: dict[str, list[Mutant]] = defaultdict(list)
    for mutant in mutants:
        by_file[mutant.path.relative_to(root).as_posix()].append(mutant)
    survivors, total_killed, total = [], 0, 0
    for name, found in sorted(by_file.items()):
        counted = [mutant for mutant in found if results[mutant] or mutant.key(root) not in known]
        kills = sum(results[mutant] for mutant in counted)
        survivors += [mutant for mutant in counted if not results[mutant]]
        total_killed, total = total_killed + kills, total + len(counted)
        equivalent = len(found) - len(counted)
        print(
            f"  {name:60} {100 * kills / max(len(counted), 1):5.1f}%  ({kills}/{len(counted)}, {equivalent} equivalent)"
        )
    lines = [
        f"{mutant.path.relative_to(root)}:{mutant.line}: {mutant.what}\n  {mutant.key(root)}" for mutant in survivors
    ]
    if out is not None:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(survivors)} survivors written to {out}")
    score = 100 * total_killed / max(total, 1)
    print(f"mutation: {score:.1f}% ({total_killed} killed / {total} mutants)")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=sorted(GROUPS), action="append", help="default: every group")
    parser.add_argument("--file", type=Path, action="append", help="only these files (paths from the repo root)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--survivors", type=Path, help="write the surviving mutants here")
    args = parser.parse_args(argv)
    for group in args.group or sorted(GROUPS):
        targets = GROUPS[group]()
        if args.file:
            wanted = {(ROOT / path).resolve() for path in args.file}
            targets = [target for target in targets if target.resolve() in wanted]
        if targets:
            print(f"== {group}")
            survivors = args.survivors.with_suffix(f".{group}.txt") if args.survivors else None
            run(targets, args.jobs, survivors, BEHAVIOURAL[group])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
