"""One error tree, converted at the edges: every error trendgraph raises on purpose is a
``TrendgraphError`` with a message from the ``kg.errors.Errors`` catalogue that says
what to do, and a lost store is told apart from a refused batch and from a bug."""

from __future__ import annotations

import ast
import inspect
import os
import signal
import string
from pathlib import Path

import pytest

from kg import affinity, errors
from kg.errors import (
    AnalysisError,
    ConnectionLost,
    Errors,
    ModelError,
    Reasons,
    StoreUnavailable,
    TrendgraphError,
    WriteError,
)
from kg.extract.pipeline import load_base
from kg.store import open_store

CATALOGUE = {name: text for name, text in vars(Errors).items() if name.isupper()}
REASONS = {name: text for name, text in vars(Reasons).items() if name.isupper()}


def _fields_are_named(text: str) -> bool:
    return all(f and f.isidentifier()
               for _, f, _, _ in string.Formatter().parse(text) if f is not None)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_errors_catalogue_message_is_a_sentence_with_named_fields(name: str) -> None:
    text = CATALOGUE[name]
    assert _fields_are_named(text)
    assert text[0].isupper() and text.endswith((".", "?"))


def test_errors_catalogue_messages_are_not_written_twice() -> None:
    assert len(set(CATALOGUE.values())) == len(CATALOGUE)


@pytest.mark.parametrize("name", sorted(REASONS))
def test_errors_reason_follows_the_file_name_it_is_shown_after(name: str) -> None:
    """``InputError(source, reason)`` reads 'posts.csv:line 3: invalid JSON …'."""
    text = REASONS[name]
    assert _fields_are_named(text)
    first = text.split()[0]
    assert not first.istitle() or first.isupper(), "lowercase, or an acronym such as JSON"
    assert not text.endswith(".")


def test_errors_reasons_are_not_written_twice() -> None:
    assert len(set(REASONS.values())) == len(REASONS)


ROOT = Path(__file__).resolve().parent.parent
ERROR_CLASSES = frozenset(n for n, o in vars(errors).items() if inspect.isclass(o)
                          and (issubclass(o, TrendgraphError) or o is errors.InputWarning))


def _written_inline(tree: ast.Module) -> list[int]:
    """Lines that build one of trendgraph's errors from a literal or f-string message (the
    first argument of an InputError/InputWarning is the file or row, which it may spell)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ERROR_CLASSES | {"ClusterError", "UnknownDocumentError"}:
            args = node.args[1:] if node.func.id in {"InputError", "InputWarning"} else node.args
            if any(isinstance(a, ast.JoinedStr) or (isinstance(a, ast.Constant)
                                                    and isinstance(a.value, str)) for a in args):
                found.append(node.lineno)
    return found


def test_errors_the_inline_scan_finds_a_message_written_in_place() -> None:
    tree = ast.parse('raise StoreError(f"lost {x}")\nInputError(f"{s}:line 2", Reasons.TOO_DEEP)'
                     '\nraise QueryError(Errors.QUERY_MEMORY)\nInputWarning(s, "odd")')
    assert _written_inline(tree) == [1, 4]


def test_errors_every_message_comes_from_the_catalogue() -> None:
    """What a user reads is written once, in kg/messages.py, where it can be kept consistent
    and saying what to do (issue 14); a bug raises a plain Python error instead."""
    sources = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "ingest").rglob("*.py"), ROOT / "app.py"]
    inline = {str(p.relative_to(ROOT)): lines for p in sources
              if (lines := _written_inline(ast.parse(p.read_text(encoding="utf-8"))))}
    assert inline == {}


def test_errors_missing_model_is_in_the_tree_and_names_the_variable_to_set() -> None:
    with pytest.raises(ModelError, match="TRENDGRAPH_MODEL_FR or TRENDGRAPH_MODEL_EN") as err:
        load_base("xx_no_such_model_sm")
    assert isinstance(err.value, TrendgraphError)


def test_errors_affinity_question_it_cannot_answer_is_shown_as_a_message(small_graph_uri) -> None:
    """The app's edge shows any TrendgraphError as a message, not a traceback."""
    with open_store(small_graph_uri) as store, pytest.raises(AnalysisError) as err:
        affinity.pair_counts(store, measure="likes")
    assert isinstance(err.value, TrendgraphError)
    assert "'sentences' or 'docs'" in str(err.value)


def test_errors_bug_while_writing_is_not_disguised_as_a_store_error(
    tmp_path: Path, contract_extractions, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise TypeError("a bug in the row builder")

    with open_store(str(tmp_path / "graph.db")) as store:
        monkeypatch.setattr("kg.store.base.build_rows", broken)
        with pytest.raises(TypeError, match="a bug"):
            store.write(contract_extractions[:1])


def test_errors_store_lost_mid_write_says_so_and_to_run_again(
    tmp_path: Path, contract_extractions
) -> None:
    store = open_store(str(tmp_path / "graph.db"))
    store.write(contract_extractions[:1])
    server, store._server = store._server, None  # now a server it does not manage (as falkordb://)
    os.kill(server.pid(), signal.SIGKILL)  # the server this test started
    with pytest.raises(ConnectionLost) as err:
        store.write(contract_extractions[1:2])
    assert isinstance(err.value, StoreUnavailable) and isinstance(err.value, WriteError)
    assert err.value.written == 0
    assert "went away" in str(err.value) and "Run the same command again" in str(err.value)
    server.release()
