"""Score a claims export against a gold file in the seeds format (../shared/gold):
the figures of ../shared/tools/score_claims.py, computed by our own rules.

A predicted claim matches a gold claim when its actors resolve (by name or alias) to
the gold actors or to an ancestor or descendant of them, the type is the gold type or
one of its alt_types, the polarity agrees, and for AID the modes agree (a claim
without a mode matches any). Direction counts except for mutual types."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MUTUAL = {"COOPERATE"}
STOP = {"the", "of", "a", "an", "and", "in", "to", "by", "own", "its", "officials", "sources",
        "statements", "report"}


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name or "").replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\[\]()\"\u201c\u201d]", " ", s).lower().strip()
    s = re.sub(r"'s$|'$", "", s).strip()
    s = re.sub(r"^(the|a|an)\s+", "", s)
    return re.sub(r"\s+", " ", s)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


@dataclass
class Report:
    figures: dict[str, float]
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return " ".join(f"{k}={v:.2f}" if k != "claims" else f"{k}={int(v)}"
                        for k, v in self.figures.items())


class Gold:
    def __init__(self, data: dict[str, Any]) -> None:
        self.actors: dict[str, Any] = data["actors"]
        self.claims: list[dict[str, Any]] = data["claims"]
        self.alias: dict[str, str] = {}
        for aid, a in self.actors.items():
            for name in [aid.replace("_", " "), *a.get("aliases", [])]:
                self.alias.setdefault(norm(name), aid)

    def resolve(self, actor: dict[str, Any] | None) -> str | None:
        if not actor:
            return None
        for name in [actor.get("name", ""), *(actor.get("aliases") or [])]:
            hit = self.alias.get(norm(name))
            if hit:
                return hit
        return None

    def line(self, aid: str) -> list[str]:
        out = [aid]
        while self.actors.get(out[-1], {}).get("part_of") and len(out) < 10:
            out.append(self.actors[out[-1]]["part_of"])
        return out

    def related(self, pred: str | None, gold: str) -> bool:
        return pred is not None and (pred in self.line(gold) or gold in self.line(pred))

    def matches(self, gc: dict[str, Any], pc: dict[str, Any]) -> bool:
        types = {gc["type"].upper(), *(t.upper() for t in gc.get("alt_types", []))}
        if str(pc.get("type", "")).upper() not in types:
            return False
        if (pc.get("polarity") or "asserted") != gc.get("polarity", "asserted"):
            return False
        if gc["type"].upper() == "AID" and gc.get("mode") and pc.get("mode") and \
                gc["mode"] != pc["mode"]:
            return False
        s, o = self.resolve(pc.get("subject")), self.resolve(pc.get("object"))
        if self.related(s, gc["subject"]) and self.related(o, gc["object"]):
            return True
        return gc["type"].upper() in MUTUAL and self.related(o, gc["subject"]) and \
            self.related(s, gc["object"])


def _pick(gc: dict[str, Any], hits: list[dict[str, Any]]) -> dict[str, Any]:
    """The predicted claim that stands for a gold claim: the same mode if any, then the
    one with the most evidence."""
    same = [pc for pc in hits if gc.get("mode") and pc.get("mode") == gc["mode"]]
    return max(same or hits, key=lambda pc: len(pc.get("evidence", [])))


def _quote_hit(ge: dict[str, Any], pe: dict[str, Any]) -> bool:
    if str(pe.get("document", "")).rsplit("/", 1)[-1] != ge["doc"]:
        return False
    gw, pw = words(ge["quote"]), set(words(pe.get("quote", "")))
    return bool(gw) and sum(w in pw for w in gw) / len(gw) >= 0.5


def origin_hit(gold_origin: str, label: str) -> bool:
    """A gold origin id names its source in words ("muhajir_letter", "gaza_sources"):
    the predicted origin's label must contain one of them."""
    got = set(words(label)) | {w for w in re.findall(r"[a-z0-9]+", label.lower())}
    keys = [w for w in gold_origin.lower().split("_") if w not in STOP and len(w) >= 3]
    return any(k in got for k in keys)


def score(gold_data: dict[str, Any], preds: list[dict[str, Any]]) -> Report:
    g = Gold(gold_data)
    # the gold lists ties between two actors; a claim with a null object (an event
    # whose target the text does not name) is outside its scope, as in score_claims.py
    preds = [pc for pc in preds if pc.get("object")]
    rep = Report({})
    matched: set[int] = set()
    core = [c for c in g.claims if c.get("core")]
    n: dict[str, int] = dict.fromkeys(
        ["core", "ev", "ev_hit", "og", "og_hit", "ind", "ind_exact", "ind_close", "hedge",
         "hedge_hit", "circ", "circ_hit"], 0)
    for gc in g.claims:
        hits = [i for i, pc in enumerate(preds) if g.matches(gc, pc)]
        matched.update(hits)
        n["core"] += bool(gc.get("core") and hits)
        detail = ""
        if hits:
            pev = [e for i in hits for e in preds[i].get("evidence", [])]
            for ge in gc.get("evidence", []):
                n["ev"] += 1
                got = [e for e in pev if _quote_hit(ge, e)]
                n["ev_hit"] += bool(got)
                if got and ge.get("origin"):
                    n["og"] += 1
                    n["og_hit"] += any(origin_hit(ge["origin"], str(e.get("origin", "")))
                                       for e in got)
                if got and ge.get("hedged"):
                    n["hedge"] += 1
                    n["hedge_hit"] += any(bool(e.get("hedged")) for e in got)
            best = _pick(gc, [preds[i] for i in hits])
            if gc.get("core") and "independent_origins" in gc:
                k = best.get("independent_origins")
                n["ind"] += 1
                n["ind_exact"] += k == gc["independent_origins"]
                n["ind_close"] += isinstance(k, int) and abs(k - gc["independent_origins"]) <= 1
                detail = f" origins {k} (gold {gc['independent_origins']})"
            docs = {e["doc"] for e in gc.get("evidence", [])}
            if gc.get("independent_origins") == 1 and len(docs) >= 2:
                n["circ_hit"] += best.get("independent_origins") == 1
        if gc.get("independent_origins") == 1 and len({e["doc"] for e in
                                                       gc.get("evidence", [])}) >= 2:
            n["circ"] += 1
        mark = "ok  " if hits else ("MISS" if gc.get("core") else "-   ")
        rep.lines.append(f"{mark} {gc['id']}: {gc['subject']} {gc['type']} {gc['object']} "
                         f"[{gc.get('polarity', 'asserted')}]{detail}")
    for i, pc in enumerate(preds):
        if i not in matched:
            quote = (pc.get("evidence") or [{}])[0].get("quote", "")[:90]
            rep.lines.append(f"extra: {(pc.get('subject') or {}).get('name')} {pc.get('type')} "
                             f"{(pc.get('object') or {}).get('name')} :: {quote}")

    def ratio(a: str, b: str) -> float:
        return n[a] / n[b] if n[b] else 0.0

    rep.figures = {
        "core_recall": n["core"] / len(core) if core else 0.0,
        "precision": len(matched) / len(preds) if preds else 0.0,
        "evidence_recall": ratio("ev_hit", "ev"), "origin_accuracy": ratio("og_hit", "og"),
        "origins_exact": ratio("ind_exact", "ind"), "origins_within_1": ratio("ind_close", "ind"),
        "hedge_recall": ratio("hedge_hit", "hedge"), "circular_recall": ratio("circ_hit", "circ"),
        "claims": float(len(preds)),
    }
    return rep
