"""Phrasings written as spaCy DependencyMatcher patterns in the lexicon (``phrasings``):
"at the hands of X", "under the leadership of X", "as part of X". Each names the role it
plays and binds the tokens the rules read (``head``, ``actor``, ``event``); the rules ask
for a role, never for words. Matches are computed once a document and kept on it
(``doc.user_data``), so they travel with the document, not with the finder."""

from __future__ import annotations

from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from claimgraph.errors import DataFileError

ROLES = {"agent", "leader", "member"}
KEY = "claimgraph.phrasings"

Bound = dict[str, Token]  # a pattern's node names -> the tokens they matched


class Phrasings:
    def __init__(self, vocab: Vocab, specs: dict[str, Any],
                 source: str = "phrasings") -> None:
        self.matcher = DependencyMatcher(vocab)
        self.role: dict[str, str] = {}
        self.names: dict[str, list[str]] = {}
        for name, spec in specs.items():
            if not isinstance(spec, dict) or set(spec) != {"role", "pattern"}:
                raise DataFileError(f"phrasing {name!r}: needs exactly 'role' and 'pattern'",
                                    source=source)
            if spec["role"] not in ROLES:
                raise DataFileError(f"phrasing {name!r}: unknown role {spec['role']!r} "
                                    f"(roles: {', '.join(sorted(ROLES))})", source=source)
            try:
                self.matcher.add(name, [spec["pattern"]])
            except (ValueError, KeyError, TypeError) as exc:
                raise DataFileError(f"phrasing {name!r}: not a DependencyMatcher pattern "
                                    f"({exc})", source=source) from exc
            self.role[name] = spec["role"]
            self.names[name] = [node["RIGHT_ID"] for node in spec["pattern"]]

    def matches(self, doc: Doc, role: str) -> list[Bound]:
        """The matches of the phrasings of ``role`` in ``doc``."""
        found: dict[str, list[dict[str, int]]] | None = doc.user_data.get(f"{KEY}:{id(self)}")
        if found is None:  # kept as token indices, so the document still serialises
            found = {r: [] for r in ROLES}
            strings = doc.vocab.strings
            for match_id, ids in self.matcher(doc):
                name = strings[match_id]
                found[self.role[name]].append(dict(zip(self.names[name], ids, strict=True)))
            for bound in found.values():
                bound.sort(key=lambda b: sorted(b.values()))
            doc.user_data[f"{KEY}:{id(self)}"] = found
        return [{node: doc[i] for node, i in b.items()} for b in found[role]]

    def at(self, doc: Doc, role: str, node: str, tok: Token) -> list[Bound]:
        """The matches of ``role`` whose ``node`` is ``tok``."""
        return [b for b in self.matches(doc, role) if node in b and b[node].i == tok.i]
