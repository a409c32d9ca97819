"""The codebase stays ruff-clean and type-clean: style is part of the suite, not a chore.

The linters are pinned exactly in pyproject's ``test`` extra, so the suite and the
pre-commit hooks (``.pre-commit-config.yaml``, run with the same ``.venv`` tools)
judge the code with the same versions everywhere.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True)


def _baseline() -> list[str]:
    """Modules the type checker still skips (the documented, shrinking baseline)."""
    return [m for o in PYPROJECT["tool"]["mypy"].get("overrides", []) if o.get("ignore_errors")
            for m in o["module"]]


def test_style_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_style_mypy_finds_nothing() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_style_mypy_baseline_only_holds_modules_that_still_fail(tmp_path: Path) -> None:
    """A baselined module that has become clean must leave the list (it never grows back)."""
    baseline = _baseline()
    if not baseline:
        pytest.skip("the type checker has no baseline left")
    settings = PYPROJECT["tool"]["mypy"]
    lines = ["[mypy]", *(f"{k} = {_ini(v)}" for k, v in settings.items() if k != "overrides")]
    for override in settings.get("overrides", []):
        if not override.get("ignore_errors"):
            lines.append(f"[mypy-{','.join(override['module'])}]")
            lines += [f"{k} = {_ini(v)}" for k, v in override.items() if k != "module"]
    config = tmp_path / "mypy.ini"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run("mypy", "--config-file", str(config))
    failing = {path.removesuffix(".py").replace("/", ".")
               for path in re.findall(r"^([\w/]+\.py):\d+: error", result.stdout, re.M)}
    clean = sorted(set(baseline) - failing)
    assert not clean, f"now type-clean, remove from pyproject's mypy baseline: {clean}"


def _ini(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_style_linters_are_pinned_to_the_installed_version(tool: str) -> None:
    pins = [r for r in PYPROJECT["project"]["optional-dependencies"]["test"]
            if re.match(rf"{tool}\b", r)]
    assert pins == [f"{tool}=={version(tool)}"]


def test_style_pre_commit_runs_ruff_and_the_type_checker() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert any(e.split()[0].endswith("/ruff") for e in entries), entries
    assert any(e.split()[0].endswith("/mypy") for e in entries), entries
    result = _run("pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
