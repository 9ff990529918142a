"""`claimgraph eval attribution DIR`: who says so, against hand-annotated articles.

A set is a folder of YAML files, one article each, in the source / cue / content form:

    outlet: Harbour Daily
    text: |
      ...
    attributions:              # every attributed content in the text
      - {source: [Amina Diallo, African Union], cue: said, content: "the convoy ...",
         via: [Reuters]}       # source: the speaker, or names any of which is right
    own:                       # contents in the outlet's own voice
      - "Fighting resumed on Tuesday"

Each content must occur once in the text. Its head word (the root of its parse) is
asked who speaks there (extract/attribution/engine.py):
- attributed recall: attributed contents given a speaker other than the outlet;
- source match: of those, the speaker named is one of the annotated names (by name,
  or by an alias of the actor it resolves to);
- own-voice accuracy: own contents left to the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from claimgraph.errors import DataFileError
from claimgraph.extract.attribution import DocAttribution, Source
from claimgraph.extract.pipeline import Extractor
from claimgraph.extract.stages import DocState
from claimgraph.lexicon import strict_yaml
from claimgraph.records import Article

FILE_KEYS = {"outlet", "style", "text", "attributions", "own"}
ITEM_KEYS = {"source", "cue", "content", "via"}
STOP = {"the", "a", "an", "of", "s", "its", "his", "her", "their", "per", "for"}


@dataclass
class Gold:
    content: str
    sources: list[str]  # empty: the outlet's own voice
    cue: str = ""
    via: list[str] = field(default_factory=list)


@dataclass
class Case:
    name: str
    outlet: str
    text: str
    items: list[Gold]


@dataclass
class Result:
    attributed: int = 0
    found: int = 0  # attributed contents given a speaker
    matched: int = 0  # ... and the right one
    own: int = 0
    own_right: int = 0
    misses: list[str] = field(default_factory=list)
    claims: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    # statements extracted in attributed contents: [in, attributed, right source,
    # in own contents, left to the outlet]

    @property
    def recall(self) -> float:
        return self.found / self.attributed if self.attributed else 0.0

    @property
    def source_match(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def own_voice(self) -> float:
        return self.own_right / self.own if self.own else 0.0

    def summary(self) -> str:
        n, found, right, own, own_right = self.claims
        return (f"attributed_recall={self.recall:.2f} source_match={self.source_match:.2f} "
                f"own_voice_accuracy={self.own_voice:.2f} attributions={self.attributed} "
                f"own={self.own}\nclaims: attributed_recall={_share(found, n)} "
                f"source_match={_share(right, found)} own_voice_accuracy="
                f"{_share(own_right, own)} statements_in_contents={n} in_own={own}")


def _share(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def _names(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise DataFileError(f"{where}: expected a name or a list of names", source=where)


def read_case(path: Path) -> Case:
    data = strict_yaml(path.read_text("utf-8"), str(path))
    if not isinstance(data, dict) or set(data) - FILE_KEYS or "text" not in data:
        raise DataFileError(f"expected the keys {sorted(FILE_KEYS)} with a text",
                            source=str(path))
    text = str(data["text"])
    items: list[Gold] = []
    for n, spec in enumerate(data.get("attributions") or []):
        where = f"{path}: attribution {n + 1}"
        if not isinstance(spec, dict) or set(spec) - ITEM_KEYS or "content" not in spec:
            raise DataFileError(f"expected the keys {sorted(ITEM_KEYS)} with a content",
                                source=where)
        items.append(Gold(str(spec["content"]), _names(spec.get("source"), where),
                          str(spec.get("cue", "")), list(spec.get("via") or [])))
    items += [Gold(str(c), []) for c in data.get("own") or []]
    for g in items:
        if text.count(g.content) != 1:
            raise DataFileError(f"the content {g.content!r} occurs {text.count(g.content)} "
                                "times in the text (it must occur once)", source=str(path))
    return Case(path.stem, str(data.get("outlet") or path.stem), text, items)


def read_set(folder: Path) -> list[Case]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise DataFileError("no annotated articles (*.yaml) in the folder", source=str(folder))
    return [read_case(p) for p in files]


def attribution_of(ex: Extractor, article: Article,
                   doc: Doc | None = None) -> tuple[Doc, DocAttribution]:
    """The article's attribution, from the stages up to and including 'attribution'."""
    doc = ex.nlp(article.text) if doc is None else doc
    state = DocState(article, doc)
    with ex.index.reading():
        for name, stage in ex.stages:
            stage(ex, state)
            if name == "attribution":
                break
    return doc, state.need_attribution()


def head_of(doc: Doc, text: str, content: str) -> Token:
    start = text.index(content)
    span = doc.char_span(start, start + len(content), alignment_mode="expand")
    if span is None or not len(span):
        raise DataFileError(f"the content {content!r} does not align with the tokens",
                            source="attribution set")
    return span.root


# words for one body, written either way: "the army" is "the military"
SAME = {"army": "military", "forces": "military", "armed": "military", "govt": "government"}


class Matcher:
    """Whether a speaker found is one of the names annotated: their words, with a
    demonym read as its country ("Malian army" is "Mali's army"), one within the other;
    or an alias of the actor found."""

    def __init__(self, ex: Extractor) -> None:
        self.ex = ex
        actors = ex.index.actors
        self.country = {d.lower(): actors[a].name.lower() for d, a in ex.index.demonyms.items()
                        if a in actors}

    def words(self, name: str) -> set[str]:
        out: set[str] = set()
        for w in re.findall(r"[a-z0-9]+", name.lower().replace("’", "'")):
            if w in STOP:
                continue
            if w in self.country:
                out |= set(re.findall(r"[a-z0-9]+", self.country[w])) - STOP
            else:
                out.add(SAME.get(w, w))
        return out

    def matches(self, src: Source, names: list[str]) -> bool:
        labels = [src.label, src.origin.label]
        for key in ("actor", "speaker", "author"):
            aid = src.origin.attrs.get(key)
            if isinstance(aid, str) and aid in self.ex.index.actors:
                info = self.ex.index.actors[aid]
                labels += [info.name, *info.aliases]
        for name in names:
            want = self.words(name)
            for label in labels:
                got = self.words(str(label))
                if want and got and (want <= got or got <= want):
                    return True
        return False


def score_case(ex: Extractor, case: Case, doc: Doc, res: Result,
               match: Matcher) -> Iterator[str]:
    _, att = attribution_of(ex, _article(case), doc)
    for g in case.items:
        src = att.speaker(head_of(doc, case.text, g.content))
        said = src.label if src is not None else "(outlet)"
        if not g.sources:
            res.own += 1
            res.own_right += src is None
            if src is not None:
                yield f"{case.name}: own content given to {said}: {g.content[:60]}"
            continue
        res.attributed += 1
        if src is None:
            yield f"{case.name}: missed ({'/'.join(g.sources)}): {g.content[:60]}"
            continue
        res.found += 1
        if match.matches(src, g.sources):
            res.matched += 1
        else:
            yield f"{case.name}: source {said!r} for ({'/'.join(g.sources)}): {g.content[:50]}"


def score_claims(ex: Extractor, case: Case, doc: Doc, res: Result, match: Matcher) -> None:
    """The full pipeline's statements whose trigger lies in an annotated content, as the
    export gives them: is the claim attributed, and to the annotated source?"""
    for st in ex.extract(_article(case), doc).statements:
        for g in case.items:
            at = case.text.index(g.content)
            if not (st.start <= at < st.end) or not st.trigger or \
                    st.trigger.lower() not in g.content.lower():
                continue
            own = st.origin.kind == "outlet"
            right = own if not g.sources else \
                not own and match.matches(Source(st.chain[-1], st.origin), g.sources)
            if not g.sources:
                res.claims[3:] = [res.claims[3] + 1, res.claims[4] + right]
            else:
                res.claims[:3] = [res.claims[0] + 1, res.claims[1] + (not own),
                                  res.claims[2] + right]
            if not right:
                res.misses.append(f"{case.name}: claim {st.type} ({st.trigger}) given to "
                                  f"{' > '.join(st.chain)} for "
                                  f"({'/'.join(g.sources) or 'the outlet'})")
            break


def _article(case: Case) -> Article:
    return Article(id=case.name, text=case.text, source=case.name, outlet=case.outlet)


def evaluate(ex: Extractor, cases: list[Case]) -> Result:
    res, match = Result(), Matcher(ex)
    for case in cases:
        doc = ex.nlp(case.text)  # one parse for both readings
        res.misses += list(score_case(ex, case, doc, res, match))
        score_claims(ex, case, doc, res, match)
    return res
