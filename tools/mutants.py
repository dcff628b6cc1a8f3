"""Mutants of a Python file, deterministic and one change each, for `make mutation` (tools/mutation.py).

The operators are the classic ones: a comparison flipped (== and !=, < and >=, in and not in, is and is not),
`and` and `or` swapped, a `not` dropped, True and False swapped, a number moved by one, a statement replaced by
`pass` (a call, an assignment, a return, a whole `if`) and a `raise` removed. Each replaces the source text of one
node, so the rest of the file (comments, docstrings, line numbers outside the node) stays as it was.

Left alone, as no test could tell or no user could see: docstrings and other strings, type annotations,
`__all__`, imports, `if TYPE_CHECKING:` blocks, and lines marked `# pragma: no mutate`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_DELETABLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.If, ast.Delete)


@dataclass(frozen=True)
class Mutant:
    path: Path
    line: int  # first line of the changed node
    end_line: int
    what: str  # e.g. "== -> !=", "raise removed"
    source: str  # the whole mutated file
    original_line: str  # the first changed line as it was, stripped
    at_import: bool  # at module or class level: run when the module is imported, not by a test

    def key(self, root: Path) -> str:
        """Stable across edits elsewhere in the file: the file, the changed line's text, the change."""
        return f"{self.path.relative_to(root).as_posix()} | {self.original_line} | {self.what}"


def _replaced(lines: list[str], node: ast.AST, text: str) -> str:
    """The file with node's source span replaced by text."""
    start, end = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
    head = lines[start][: node.col_offset]  # type: ignore[attr-defined]
    tail = lines[end][node.end_col_offset :]  # type: ignore[attr-defined]
    return "".join([*lines[:start], head + text + tail, *lines[end + 1 :]])


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _skipped_lines(tree: ast.Module, lines: list[str]) -> set[int]:
    """Lines no mutant touches: TYPE_CHECKING blocks, __all__, annotations' own lines, marked lines."""
    skipped = {number for number, line in enumerate(lines, start=1) if "pragma: no mutate" in line}
    for node in ast.walk(tree):
        spans: list[ast.stmt] = []
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            spans.append(node)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            spans.append(node)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            spans.append(node)
        for span in spans:
            skipped.update(range(span.lineno, (span.end_lineno or span.lineno) + 1))
    return skipped


def _annotation_nodes(tree: ast.Module) -> set[int]:
    """ids of every node inside a type annotation (its constants and comparisons are types, not behaviour)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.AST | None] = []
        if isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
            annotations.extend(argument.annotation for argument in every if argument is not None)
        for annotation in annotations:
            if annotation is not None:
                inside.update(id(child) for child in ast.walk(annotation))
    return inside


def _changes(node: ast.AST) -> Iterator[tuple[str, str]]:
    """(what, replacement text) for each mutant of this node."""
    if isinstance(node, ast.Compare):
        for index, operator in enumerate(node.ops):
            flipped = _FLIPPED.get(type(operator))
            if flipped is not None:
                mutated = ast.Compare(
                    node.left, [*node.ops[:index], flipped(), *node.ops[index + 1 :]], node.comparators
                )
                yield f"{_symbol(operator)} -> {_symbol(flipped())}", ast.unparse(mutated)
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield f"{_symbol(node.op)} -> {_symbol(other)}", ast.unparse(ast.BoolOp(other, node.values))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not dropped", f"({ast.unparse(node.operand)})"
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield f"{node.value} -> {not node.value}", repr(not node.value)
    elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        yield f"{node.value!r} -> {node.value + 1!r}", repr(node.value + 1)
    elif isinstance(node, ast.Raise):
        yield "raise removed", "pass"
    elif isinstance(node, _DELETABLE) and not _is_docstring(node):
        yield f"{type(node).__name__.lower()} deleted", "pass"


def _symbol(operator: ast.AST) -> str:
    return {
        "Eq": "==",
        "NotEq": "!=",
        "Lt": "<",
        "LtE": "<=",
        "Gt": ">",
        "GtE": ">=",
        "In": "in",
        "NotIn": "not in",
        "Is": "is",
        "IsNot": "is not",
        "And": "and",
        "Or": "or",
    }[type(operator).__name__]


def mutants_of(path: Path) -> list[Mutant]:
    """Every mutant of the file that still compiles, in source order."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    skipped = _skipped_lines(tree, text.splitlines())
    in_annotation = _annotation_nodes(tree)
    # a function's body runs when it is called; its defaults and decorators run when the module is imported
    in_functions = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for statement in (node.body if isinstance(node.body, list) else [node.body])
        for inner in ast.walk(statement)
    }
    found: list[Mutant] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.stmt, ast.expr)) or id(node) in in_annotation or node.lineno in skipped:
            continue
        for what, replacement in _changes(node):
            source = _replaced(lines, node, replacement)
            try:
                compile(source, str(path), "exec")
            except SyntaxError:  # e.g. `pass` where an expression must stand
                continue
            end = node.end_lineno or node.lineno
            original = lines[node.lineno - 1].strip()
            found.append(Mutant(path, node.lineno, end, what, source, original, id(node) not in in_functions))
    return sorted(found, key=lambda mutant: (mutant.line, mutant.what))
