"""The README keeps up with the code: every environment variable the package reads and
every CLI command is documented there (datasette's ``test_docs.py`` does the same).

Variables are found in the source, not listed here: any ``os.environ.get(X)``,
``os.getenv(X)`` or ``os.environ[X]`` whose name the test cannot work out fails too,
so a new variable cannot slip past by being read through a constant.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = [ROOT / "app.py", *sorted((ROOT / "kg").rglob("*.py")),
           *sorted((ROOT / "ingest").rglob("*.py"))]


def _strings(node: ast.AST | None) -> set[str]:
    """String constants in a constant expression (a name, a tuple of names, a dict's values)."""
    if isinstance(node, ast.Dict):
        return {s for value in node.values for s in _strings(value)}
    if node is None:
        return set()
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


def _constants(tree: ast.Module) -> dict[str, set[str]]:
    """Module-level ``NAME = <strings>``, plus loop variables bound over such a name."""
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = _strings(node.value)
    return found


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _reads(tree: ast.Module) -> Iterator[tuple[int, ast.expr]]:
    """(line, name expression) of every environment read in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            func = node.func
            if (func.attr == "get" and _is_environ(func.value)) or func.attr == "getenv":
                yield node.lineno, node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value) and \
                isinstance(node.ctx, ast.Load):
            yield node.lineno, node.slice


def _loop_sources(tree: ast.Module) -> dict[str, ast.expr]:
    """Loop variables (``for name in X``, comprehensions) and what they iterate over."""
    loops: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name):
            loops[node.target.id] = node.iter
    return loops


def _variables() -> tuple[dict[str, list[str]], list[str]]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}
    everywhere: dict[str, set[str]] = {}
    for tree in trees.values():
        everywhere.update(_constants(tree))
    variables: dict[str, list[str]] = {}
    unknown = []
    for path, tree in trees.items():
        local, loops = {**everywhere, **_constants(tree)}, _loop_sources(tree)
        for line, expr in _reads(tree):
            names = _resolve(expr, local, loops)
            where = f"{path.relative_to(ROOT)}:{line}"
            if not names:
                unknown.append(where)
            for name in names:
                variables.setdefault(name, []).append(where)
    return variables, unknown


def _resolve(expr: ast.expr, constants: dict[str, set[str]],
             loops: dict[str, ast.expr]) -> set[str]:
    names = set()
    for node in ast.walk(expr):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
            names.add(node.value)
        elif isinstance(node, ast.Name) and node.id in constants:
            names |= constants[node.id]
        elif isinstance(node, ast.Name) and node.id in loops:
            names |= _resolve(loops[node.id], constants, {})
    return {n for n in names if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)}


VARIABLES, UNRESOLVED = _variables()


def test_docs_every_environment_read_names_its_variable() -> None:
    assert UNRESOLVED == []


def test_docs_the_package_reads_the_variables_the_readme_relies_on() -> None:
    """Guards the scan itself: it finds the variables we know the code reads."""
    assert {"TRENDGRAPH_STORE", "NEO4J_PASSWORD", "TRENDGRAPH_MODEL_FR"} <= set(VARIABLES)


@pytest.mark.parametrize("variable", sorted(VARIABLES))
def test_docs_environment_variable_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}" in README, f"read at {VARIABLES[variable]}, not in README.md"


def _commands(command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_docs_cli_command_has_help_for_itself_and_its_options(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    assert (command.help or "").strip()
    undocumented = [p.name for p in command.params
                    if p.param_type_name == "option" and p.name != "help" and not p.help]
    assert undocumented == []


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_docs_cli_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert f"trendgraph {' '.join(path)}" in README


STORELESS = {("extract",), ("eval",)}  # they read files and keep nothing


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_docs_command_on_a_graph_takes_store_as_the_readme_says(path: tuple[str, ...]) -> None:
    takes_store = any(p.name == "store" for p in COMMANDS[path].params)
    assert takes_store == (path not in STORELESS)
    assert "all but `extract` and `eval`" in README
