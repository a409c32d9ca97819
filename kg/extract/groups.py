"""Disjoint sets whose root is always their smallest member.

Mentions of one document (``resolve``) and gold names of one split (``evaluate.merges``)
are merged the same way: a group is named after its smallest member (the first mention,
the alphabetically first key), so the result does not depend on the order of the unions.
"""

from __future__ import annotations

from collections.abc import Iterable


class Groups[K: (int, str)]:
    """Union-find with path halving; ``members`` lists each group in first-seen order."""

    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in items}

    def find(self, k: K) -> K:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self) -> dict[K, list[K]]:
        out: dict[K, list[K]] = {}
        for k in list(self.parent):
            out.setdefault(self.find(k), []).append(k)
        return out
