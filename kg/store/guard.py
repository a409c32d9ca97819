"""The read-only guard every user or app query passes before it reaches a store.

Read transactions (Neo4j) and GRAPH.RO_QUERY (FalkorDB) already refuse writes,
but a *read* can still reach outside the graph: ``LOAD CSV FROM 'file:///…'``
reads the server's files (the environment, with its password), ``LOAD CSV FROM
'http://…'`` makes the server fetch URLs, procedures list the configuration,
``SHOW USERS`` and other admin commands read the system database. So queries are
tokenised here (strings, comments, backtick names and parameters are tokens of
their own, never searched as text) and every clause keyword is checked: only
reading clauses, subqueries and a short allowlist of schema and full-text
procedures pass.

Why not a parser library: graphglot 0.14 (the maintained Cypher/GQL parser on
PyPI) rejects valid Neo4j reads such as ``shortestPath(...)`` and ``COUNT { }``
and antlr4-cypher's grammar has no LOAD CSV, SHOW or CALL subqueries; a guard
must know every clause, so a small lexer with a fail-closed keyword check is
both stricter and complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.errors import Errors, QueryRefused, ReadOnlyError

# Clauses that change the graph: refused with the "read-only" message.
WRITE_KEYWORDS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "INSERT", "DROP",
})
# Clauses that read outside the graph, switch database, or administer the server.
OUTSIDE_KEYWORDS = {
    "LOAD": "LOAD CSV reads files and URLs on the database server",
    "USE": "USE switches to another database",
    "SHOW": "SHOW commands read the server's administration data",
    "ALTER": "administration commands are not allowed",
    "GRANT": "administration commands are not allowed",
    "DENY": "administration commands are not allowed",
    "REVOKE": "administration commands are not allowed",
    "START": "administration commands are not allowed",
    "STOP": "administration commands are not allowed",
    "TERMINATE": "administration commands are not allowed",
    "RENAME": "administration commands are not allowed",
    "ENABLE": "administration commands are not allowed",
    "PERIODIC": "USING PERIODIC COMMIT is a write",
    "TRANSACTIONS": "CALL … IN TRANSACTIONS is a write",
}
# Read-only procedures a strategist may need to explore the schema and search names.
ALLOWED_PROCEDURES = (
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.idx.fulltext.queryNodes",
)
# Namespaced functions that only compute values (temporal and spatial helpers).
ALLOWED_FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector",
})
# SHOW commands that only describe the schema (indexes, constraints) are reads like any other.
SCHEMA_SHOWN = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
SCHEMA_QUALIFIERS = frozenset({
    "ALL", "RANGE", "FULLTEXT", "TEXT", "POINT", "VECTOR", "LOOKUP", "UNIQUE", "UNIQUENESS",
    "EXIST", "EXISTENCE", "EXISTS", "NODE", "RELATIONSHIP", "REL", "KEY", "PROPERTY", "TYPE",
})
RANGE_MAX = 10_000_000
READ_ONLY_MESSAGE = Errors.READ_ONLY
# Administration verbs are commands of their own, never clauses: a variable may be named
# after one (``RETURN n AS start ORDER BY start``).
ADMIN_VERBS = frozenset({
    "ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE", "RENAME", "ENABLE",
})
SYMBOLS = ("<>", "<=", ">=", "=~", "+=", "->", "<-", "..", "::")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # word, quoted (backtick name), string, number, param, symbol
    text: str
    position: int


def check_read_only(cypher_text: str) -> None:
    """Raise ReadOnlyError for a write and QueryRefused for anything else outside a read."""
    verdict = _verdict(cypher_text)
    if verdict is None:
        return
    kind, message = verdict
    if kind == "write":
        raise ReadOnlyError(message)
    raise QueryRefused(message)


@lru_cache(maxsize=512)
def _verdict(cypher_text: str) -> tuple[str, str] | None:
    """(kind, message) of the first refused construct, or None; cached per query text."""
    try:
        tokens = tokenize(cypher_text)
    except ValueError as exc:
        return "refused", Errors.REFUSED_UNPARSABLE.format(reason=exc)
    aliases = _aliases(tokens)
    for index, token in enumerate(tokens):
        if token.kind != "word" or _is_name(tokens, index):
            continue
        word = token.text.upper()
        if word in ADMIN_VERBS and token.text in aliases:
            continue
        if word in WRITE_KEYWORDS:
            return "write", READ_ONLY_MESSAGE
        if word == "SHOW" and _shows_schema(tokens, index):
            continue
        if word in OUTSIDE_KEYWORDS:
            return "refused", Errors.REFUSED_OUTSIDE.format(why=OUTSIDE_KEYWORDS[word])
        if word == "CALL" and (refusal := _call_refusal(tokens, index)):
            return "refused", refusal
        if (refusal := _function_refusal(tokens, index)) is not None:
            return "refused", refusal
        if word == "RANGE" and (refusal := _range_refusal(tokens, index)):
            return "refused", refusal
    semicolons = [i for i, t in enumerate(tokens) if t.kind == "symbol" and t.text == ";"]
    if semicolons and semicolons[0] != len(tokens) - 1:
        return "refused", Errors.REFUSED_SEVERAL
    return None


def _aliases(tokens: list[Token]) -> set[str]:
    """Variables the query names with ``AS``, spelt as written."""
    return {tokens[i + 1].text for i in range(len(tokens) - 1)
            if tokens[i].kind == "word" and tokens[i].text.upper() == "AS"
            and tokens[i + 1].kind == "word"}


def _is_name(tokens: list[Token], index: int) -> bool:
    """True where a word is a property key, label, type or map key rather than a keyword."""
    before = tokens[index - 1].text if index and tokens[index - 1].kind == "symbol" else ""
    after = tokens[index + 1].text if index + 1 < len(tokens) and \
        tokens[index + 1].kind == "symbol" else ""
    if before == "." and index >= 2 and (tokens[index - 2].kind in ("word", "quoted", "param")
                                         or tokens[index - 2].text in (")", "]", "}")):
        return True  # n.set, (n).set, map.set
    if before in (":", "|", "&", "!"):
        return True  # a label or relationship type spelt like a keyword
    return before in ("{", ",") and after == ":"  # {set: 1}


def _shows_schema(tokens: list[Token], index: int) -> bool:
    """``SHOW [FULLTEXT|RANGE|…] INDEXES`` / ``SHOW … CONSTRAINTS``: schema, not administration."""
    for token in tokens[index + 1:]:
        word = token.text.upper()
        if word in SCHEMA_SHOWN:
            return True
        if token.kind != "word" or word not in SCHEMA_QUALIFIERS:
            return False
    return False


def _range_refusal(tokens: list[Token], index: int) -> str | None:
    """``range()`` builds its whole list at once: a bound past RANGE_MAX would take the
    server's memory before any limit can stop it (``UNWIND range(1, 10000000000)``)."""
    if index + 1 >= len(tokens) or tokens[index + 1].text != "(":
        return None
    depth = 0
    for token in tokens[index + 1:]:
        depth += token.text == "("
        depth -= token.text == ")"
        if token.kind == "number" and _number(token.text) > RANGE_MAX:
            return Errors.REFUSED_RANGE.format(upper=token.text, limit=RANGE_MAX)
        if depth == 0:
            return None
    return None


def _number(text: str) -> float:
    try:
        return abs(float(int(text, 0))) if text[:2].lower() in ("0x", "0o") else abs(float(text))
    except ValueError:
        return 0.0


def _dotted_name(tokens: list[Token], start: int) -> tuple[str, int]:
    """The dotted name starting at ``start`` (``db.index.fulltext.queryNodes``), and its end."""
    parts: list[str] = []
    index = start
    while index < len(tokens) and tokens[index].kind in ("word", "quoted"):
        parts.append(tokens[index].text)
        if index + 2 < len(tokens) and tokens[index + 1].text == "." \
                and tokens[index + 2].kind in ("word", "quoted"):
            index += 2
            continue
        index += 1
        break
    return ".".join(parts), index


def _call_refusal(tokens: list[Token], index: int) -> str | None:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.kind == "symbol" and following.text in ("{", "("):
        return None  # a subquery: its own clauses are checked like the rest
    name, _ = _dotted_name(tokens, index + 1)
    if name.lower() in {p.lower() for p in ALLOWED_PROCEDURES}:
        return None
    allowed = ", ".join(ALLOWED_PROCEDURES)
    return Errors.REFUSED_PROCEDURE.format(name=name or "?", allowed=allowed)


def _function_refusal(tokens: list[Token], index: int) -> str | None:
    """Namespaced function calls (``apoc.load.json(...)``) outside value helpers."""
    if index and tokens[index - 1].text == ".":
        return None  # inside a dotted name already checked from its first part
    name, end = _dotted_name(tokens, index)
    if "." not in name or end >= len(tokens) or tokens[end].text != "(":
        return None
    if index and tokens[index - 1].kind == "word" and tokens[index - 1].text.upper() == "CALL":
        return None  # procedures are checked by _call_refusal
    if name.split(".")[0].lower() in ALLOWED_FUNCTION_NAMESPACES:
        return None
    return Errors.REFUSED_FUNCTION.format(name=name)


def tokenize(text: str) -> list[Token]:
    """Cypher tokens without whitespace and comments; ValueError on an unterminated one."""
    tokens: list[Token] = []
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char.isspace():
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = size if end < 0 else end + 1
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            if end < 0:
                raise ValueError("unterminated /* comment")
            index = end + 2
        elif char in "'\"":
            end = _string_end(text, index)
            tokens.append(Token("string", text[index:end], index))
            index = end
        elif char == "`":
            end, name = _backtick_end(text, index)
            tokens.append(Token("quoted", name, index))
            index = end
        elif char == "$":
            end = index + 1
            if end < size and text[end] == "`":
                end, _ = _backtick_end(text, end)
            else:
                while end < size and (text[end].isalnum() or text[end] == "_"):
                    end += 1
            tokens.append(Token("param", text[index:end], index))
            index = end
        elif char.isalpha() or char == "_":
            end = index + 1
            while end < size and (text[end].isalnum() or text[end] == "_"):
                end += 1
            tokens.append(Token("word", text[index:end], index))
            index = end
        elif char.isdigit():
            end = index + 1
            while end < size and (text[end].isalnum() or text[end] == "_" or (
                    text[end] == "." and end + 1 < size and text[end + 1].isdigit())):
                end += 1
            tokens.append(Token("number", text[index:end], index))
            index = end
        else:
            symbol = next((s for s in SYMBOLS if text.startswith(s, index)), char)
            tokens.append(Token("symbol", symbol, index))
            index += len(symbol)
    return tokens


def _string_end(text: str, start: int) -> int:
    quote, index = text[start], start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index + 1
        index += 1
    raise ValueError(f"unterminated string starting at character {start + 1}")


def _backtick_end(text: str, start: int) -> tuple[int, str]:
    index, name = start + 1, []
    while index < len(text):
        if text[index] == "`":
            if text.startswith("``", index):
                name.append("`")
                index += 2
                continue
            return index + 1, "".join(name)
        name.append(text[index])
        index += 1
    raise ValueError(f"unterminated `name` starting at character {start + 1}")


OPENING, CLOSING = frozenset("([{"), frozenset(")]}")


@lru_cache(maxsize=512)
def with_row_cap(cypher_text: str, rows: int) -> str:
    """The query with its final RETURN limited to ``rows``, so a server that sends a
    whole result at once (FalkorDB) computes and sends no more than the cap (cached:
    the app sends the same few statements again and again, and lexing one is 0.3 ms).

    Only the statement's last top-level RETURN is touched: ``LIMIT rows`` is appended,
    or a literal LIMIT above the cap is lowered. A UNION, a LIMIT given as a parameter
    or an expression, or text the lexer cannot read is left as it is (the client
    still cuts the rows it received).
    """
    try:
        tokens = tokenize(cypher_text)
    except ValueError:
        return cypher_text
    if tokens and tokens[-1].text == ";":
        cypher_text, tokens = cypher_text[:tokens[-1].position], tokens[:-1]
    depth, last_return, limit_at = 0, -1, -1
    for index, token in enumerate(tokens):
        if token.kind == "symbol":
            depth += (token.text in OPENING) - (token.text in CLOSING)
            continue
        if depth or token.kind != "word" or _is_name(tokens, index):
            continue
        word = token.text.upper()
        if word == "UNION":
            return cypher_text
        if word == "RETURN":
            last_return, limit_at = index, -1
        elif word == "LIMIT" and last_return >= 0:
            limit_at = index
    if last_return < 0:
        return cypher_text
    if limit_at < 0:
        return f"{cypher_text.rstrip()} LIMIT {rows}"
    value = tokens[limit_at + 1] if limit_at + 1 < len(tokens) else None
    if value is None or value.kind != "number" or limit_at + 2 != len(tokens) \
            or not value.text.isdigit() or int(value.text) <= rows:
        return cypher_text
    return cypher_text[:value.position] + str(rows) + cypher_text[value.position + len(value.text):]
