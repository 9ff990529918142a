"""Extraction as ordered, named stages over one per-document state.

A stage is a function ``(extractor, state) -> None`` that reads and writes the
``DocState`` of one article and nothing else: what a later stage needs from an earlier
one travels on the state, never on the finders. The built-in stages are registered in
the entry-point group ``claimgraph.stages`` like the exporters (pyproject.toml), and
``STAGES`` is their order; a plug-in adds a stage under a new name or replaces one
under an existing name, and ``Extractor(stages=...)`` runs another order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from claimgraph.errors import DataFileError
from claimgraph.extract.attribution import DocAttribution
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.relation import Relation, ties
from claimgraph.records import Article, StatementRec

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor

GROUP = "claimgraph.stages"
# the built-in order: actors first (every later stage reads the layer), attribution
# before the relations it attributes, statements last
LAYER = ("actors", "collectives", "compositions", "described", "groups", "roles",
         "attribution", "relational")
STAGES = (*LAYER, "relations", "pronouns", "statements")
# the stages of each extractor (--extractor): the LLM reads the same actor layer and
# attribution as the rules, and "rules+llm" keeps both sets of statements
EXTRACTOR_STAGES = {"rules": STAGES, "llm": (*LAYER, "llm"), "rules+llm": (*STAGES, "llm")}


def extractor_stages(extractor: str) -> tuple[str, ...]:
    """The stage names of an extractor (``--extractor``), or a coded error naming it."""
    if extractor not in EXTRACTOR_STAGES:
        raise DataFileError(f"{extractor!r} is not one of {', '.join(EXTRACTOR_STAGES)}",
                            source="--extractor")
    return EXTRACTOR_STAGES[extractor]


@dataclass
class DocState:
    """Everything the stages know about one article."""

    article: Article
    doc: Doc
    layer: ActorLayer | None = None
    publisher: str | None = None
    attribution: DocAttribution | None = None
    relations: list[Relation] = field(default_factory=list)
    statements: list[StatementRec] = field(default_factory=list)
    drops: Counter[tuple[str, str]] = field(default_factory=Counter)  # (extractor, reason)

    def need_layer(self) -> ActorLayer:
        if self.layer is None:
            raise DataFileError("a stage read the actor layer before the 'actors' stage",
                                source=self.article.id)
        return self.layer

    def need_attribution(self) -> DocAttribution:
        if self.attribution is None:
            raise DataFileError("a stage read attribution before the 'attribution' stage",
                                source=self.article.id)
        return self.attribution


Stage = Callable[["Extractor", DocState], None]


def find_actors(ex: Extractor, st: DocState) -> None:
    st.layer = ex.actors.find(st.doc)


def find_collectives(ex: Extractor, st: DocState) -> None:
    ex.collectives.find(st.doc, st.need_layer())


def find_compositions(ex: Extractor, st: DocState) -> None:
    """Country x sector actors: "Israeli troops", "rebels in Idlib" (extract/compose.py)."""
    ex.composer.find(st.doc, st.need_layer())


def find_described(ex: Extractor, st: DocState) -> None:
    """Bodies described, not named: "a press-freedom group" (extract/described.py)."""
    ex.bodies.find(st.doc, st.need_layer(), st.article.id)


def find_groups(ex: Extractor, st: DocState) -> None:
    ex.groups.find(st.doc, st.need_layer())


def find_roles(ex: Extractor, st: DocState) -> None:
    st.publisher = ex.index.publisher(st.article.outlet)
    ex.roles.find(st.doc, st.need_layer(), st.publisher)


def find_attribution(ex: Extractor, st: DocState) -> None:
    st.attribution = ex.attributor.prepare(st.doc, st.need_layer(), st.article, st.publisher)


def find_relational(ex: Extractor, st: DocState) -> None:
    """Others named by their tie to an owner ("its allies", "our partners")."""
    layer, voice = st.need_layer(), st.need_attribution().voice
    ex.groups.relational(st.doc, layer, lambda t: ex.relations.coref.resolve(t, layer, voice),
                         voice)


def find_relations(ex: Extractor, st: DocState) -> None:
    st.relations = ex.relations.find(st.doc, st.need_layer(), st.need_attribution().voice)


def find_pronouns(ex: Extractor, st: DocState) -> None:
    """Each pronoun with the actor it stands for, as a mention (output only)."""
    layer = st.need_layer()
    voice = st.attribution.voice if st.attribution is not None else None
    # "we" said by a person is the body the person speaks for: the one the text ties
    # the person to ("Gen. Votel, commander of U.S. Central Command"), else a parent
    layer.mentions += ex.relations.coref.pronoun_mentions(st.doc, layer, voice,
                                                          ties(st.relations))


def make_statements(ex: Extractor, st: DocState) -> None:
    st.statements = ex.statements(st)


def find_llm(ex: Extractor, st: DocState) -> None:
    """Events an LLM server reads in the text, kept where grounded (extract/llm/)."""
    if ex.llm is None:
        raise DataFileError("the 'llm' stage needs an LLM server: --extractor llm or "
                            "rules+llm, with --llm-url", source=st.article.id)
    found = ex.llm.code(ex, st)
    st.statements = st.statements + found.statements
    st.drops.update({(ex.llm.name, reason): n for reason, n in found.drops.items()})


def stages() -> dict[str, Stage]:
    """Every registered stage by name (the built-ins, then plug-ins in name order)."""
    found: dict[str, Stage] = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.module != __name__, e.name)):
        found[ep.name] = ep.load()
    return found


def resolve(names: tuple[str, ...]) -> list[tuple[str, Stage]]:
    table = stages()
    missing = [n for n in names if n not in table]
    if missing:
        raise DataFileError(f"unknown extraction stage(s) {', '.join(missing)}; registered: "
                            f"{', '.join(table)}", source=GROUP)
    return [(n, table[n]) for n in names]
