"""Every third-party package the code imports is declared in pyproject.toml.

A package that arrives only because another one depends on it today can vanish with
that package's next release; importing it means declaring it. The package code
(``kg``, ``ingest``, ``app.py``) may use only ``[project] dependencies``; the tests,
benchmarks and scripts may also use the ``test`` extra.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FIRST_PARTY = {"kg", "ingest", "app"}
PACKAGE = [ROOT / "app.py", *sorted((ROOT / "kg").rglob("*.py")),
           *sorted((ROOT / "ingest").rglob("*.py"))]
TOOLS = [path for folder in ("tests", "bench", "scripts")
         for path in sorted((ROOT / folder).rglob("*.py"))]


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    """Distribution names a requirement list installs on purpose, extras included."""
    names = set()
    for requirement in requirements:
        names.add(_normal(_name(requirement)))
        extras = re.search(r"\[([^\]]+)\]", requirement)
        for extra in extras.group(1).split(",") if extras else ():
            marker = re.compile(rf"extra\s*==\s*['\"]{re.escape(extra.strip())}['\"]")
            names |= {_normal(_name(r)) for r in requires(_name(requirement)) or []
                      if marker.search(r)}
    return names


@cache
def _local_modules() -> set[str]:
    """Helper modules the tests and benchmarks import by file name (tests/synthetic.py…)."""
    return {p.stem for p in TOOLS}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - FIRST_PARTY - _local_modules()


def _undeclared(paths: list[Path], declared: set[str]) -> list[str]:
    distributions = packages_distributions()
    missing = []
    for path in paths:
        for module in sorted(_imports(path)):
            provided = {_normal(d) for d in distributions.get(module, [module])}
            if not provided & declared:
                missing.append(f"{path.relative_to(ROOT)} imports {module} "
                               f"(from {', '.join(sorted(provided))})")
    return missing


def test_dependencies_package_imports_are_declared() -> None:
    declared = _declared(PYPROJECT["project"]["dependencies"])
    assert _undeclared(PACKAGE, declared) == []


def test_dependencies_test_bench_and_script_imports_are_declared() -> None:
    project = PYPROJECT["project"]
    declared = _declared(project["dependencies"] + project["optional-dependencies"]["test"])
    assert _undeclared(TOOLS, declared) == []


@pytest.mark.parametrize("requirement", PYPROJECT["project"]["dependencies"])
def test_dependencies_runtime_requirements_have_an_upper_bound(requirement: str) -> None:
    """A new major release must not reach users before the suite has seen it."""
    assert "<" in requirement or "==" in requirement, requirement
