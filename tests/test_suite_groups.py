"""The list of tests ``make test-fast`` runs on one worker names tests that exist."""

from __future__ import annotations

from pathlib import Path

from conftest import MODEL_MODULES, MODEL_TESTS, needs_models

TESTS = Path(__file__).resolve().parent


def test_model_group_names_only_existing_modules_and_tests() -> None:
    missing = [name for name in MODEL_MODULES if not (TESTS / name).is_file()]
    for nodeid in MODEL_TESTS:
        path, name = nodeid.split("::")
        text = (TESTS.parent / path).read_text(encoding="utf-8")
        if f"def {name}(" not in text:
            missing.append(nodeid)
    assert missing == []


def test_model_group_takes_parametrised_cases_and_leaves_other_tests() -> None:
    assert needs_models("tests/test_extract.py::test_extract_tiktok_is_a_platform")
    assert needs_models("tests/test_extract_gate.py::"
                        "test_gate_audience_patterns_match_as_the_plain_matcher[fr]")
    assert not needs_models("tests/test_extract_gate.py::test_gate_other")
    assert not needs_models("tests/test_export.py::test_export_jsonld_holds_the_same_triples")
