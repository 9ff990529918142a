"""A STIX 2.1 bundle: identities for sources, threat actors and identities for actors,
relationships for asserted claims, opinions for denials, a report per document.

Ids are UUIDv5 of our ids, and created/modified is the time of the store's last
ingest, so the same store gives the same bytes. No custom properties: our claim ids
travel as external references."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View

NAMESPACE = uuid.UUID("5b0c4a3e-3f57-4a59-9d3c-7b7a2f1e6c01")  # claimgraph's own
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}  # STIX 2.1 appendix: Admiralty credibility
NON_HOSTILE_SECTORS = {"NGO", "MED", "EDU", "BUS", "RES", "JUD", "HLH", "REL"}


def sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, kind + ':' + key)}"


def _stamp(view: View) -> str:
    times = [d.ingested_at for d in view.documents.values() if d.ingested_at is not None]
    latest = max(times) if times else None
    return latest.strftime("%Y-%m-%dT%H:%M:%S.000Z") if latest else "1970-01-01T00:00:00.000Z"


class _Bundle:
    def __init__(self, out: TextIO, stamp: str) -> None:
        self.out, self.stamp, self.first, self.seen = out, stamp, True, set[str]()

    def add(self, obj: dict[str, Any], shared: bool = False) -> None:
        """Write ``obj``; a ``shared`` one (an actor, a source) only the first time."""
        if shared:
            if obj["id"] in self.seen:
                return
            self.seen.add(obj["id"])
        base = {"type": obj["id"].split("--")[0], "spec_version": "2.1", "id": obj["id"],
                "created": self.stamp, "modified": self.stamp}
        self.out.write(("    " if self.first else ",\n    ") +
                       json.dumps({**base, **obj}, ensure_ascii=False, sort_keys=True))
        self.first = False


def _actor(view: View, actor_id: str) -> dict[str, Any]:
    a = view.actors[actor_id]
    names = sorted(set(view.aliases.get(actor_id, [])) - {a.name})
    if a.type == "organization" and (a.sector or "") not in NON_HOSTILE_SECTORS:
        obj: dict[str, Any] = {"id": sid("threat-actor", actor_id), "name": a.name}
        if names:
            obj["aliases"] = names
        return obj
    cls = "individual" if a.type == "person" else "organization"
    obj = {"id": sid("identity", actor_id), "name": a.name, "identity_class": cls}
    if a.type == "state":
        obj["sectors"] = ["government-national"]
    return obj


def _origin(view: View, c: Claim, key: str) -> dict[str, Any]:
    kind = key.split(":", 1)[0]
    cls = "unknown"
    if kind == "actor" and key[6:] in view.actors:
        cls = "individual" if view.actors[key[6:]].type == "person" else "organization"
    elif kind == "outlet":
        cls = "organization"
    return {"id": sid("identity", "origin:" + key), "name": c.origin_labels[key],
            "identity_class": cls}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _description(view: View, c: Claim) -> str:
    quotes = "\n".join(f"- {e.st.document_id} [{e.st.start}:{e.st.end}] "
                       f"(per {' > '.join(e.st.chain)}): \u201c{e.st.quote}\u201d"
                       for e in c.counted)
    return f"{c.explanation()}.\n{quotes}"


def write(view: View, claims: Iterable[Claim], out: TextIO) -> int:
    stamp = _stamp(view)
    out.write('{\n  "type": "bundle",\n  "id": "' + sid("bundle", "claimgraph") +
              '",\n  "objects": [\n')
    bundle = _Bundle(out, stamp)
    with tempfile.TemporaryDirectory() as tmp:
        refs = sqlite3.connect(str(Path(tmp) / "refs.sqlite"))
        refs.execute("CREATE TABLE r (doc TEXT, ref TEXT, PRIMARY KEY (doc, ref)) WITHOUT ROWID")
        n = _objects(view, claims, bundle, refs)
        _reports(view, bundle, refs, stamp)
        refs.close()
    out.write("\n  ]\n}\n")
    return n


def _objects(view: View, claims: Iterable[Claim], bundle: _Bundle,
             by_document: sqlite3.Connection) -> int:
    """Actors, sources, relationships and opinions; (document, object) pairs for the
    reports go to a scratch table, so memory does not grow with the corpus."""
    n = 0
    for c in claims:
        if c.object is None:
            continue  # a relationship needs two ends; the PLOVER export has these
        subj, obj = _actor(view, c.subject), _actor(view, c.object)
        bundle.add(subj, shared=True)
        bundle.add(obj, shared=True)
        origins = [_origin(view, c, k) for k in c.origin_keys]
        for o in origins:
            bundle.add(o, shared=True)
        refs = {"claimgraph": [{"source_name": "claimgraph", "external_id": c.id}]}
        if c.polarity == "asserted":
            rel: dict[str, Any] = {
                "id": sid("relationship", c.id),
                "relationship_type": _slug(c.type + (f"-{c.mode}" if c.mode else "")),
                "source_ref": subj["id"], "target_ref": obj["id"],
                "description": _description(view, c),
                "external_references": refs["claimgraph"]}
            if c.credibility in CONFIDENCE:
                rel["confidence"] = CONFIDENCE[c.credibility]
            if origins:
                rel["created_by_ref"] = origins[0]["id"]
            bundle.add(rel)
            made = rel["id"]
        else:
            label = f"{view.actors[c.subject].name} {c.type} {view.actors[c.object].name}"
            opinion: dict[str, Any] = {
                "id": sid("opinion", c.id), "opinion": "strongly-disagree",
                "explanation": f"Denied: {label}. {_description(view, c)}",
                "object_refs": [subj["id"], obj["id"]],
                "external_references": refs["claimgraph"] + [
                    {"source_name": "claimgraph-contradicts", "external_id": other}
                    for other in c.contradicts]}
            if origins:
                opinion["created_by_ref"] = origins[0]["id"]
            bundle.add(opinion)
            made = opinion["id"]
        by_document.executemany("INSERT OR IGNORE INTO r VALUES (?, ?)", [
            (e.st.document_id, ref) for e in c.counted for ref in (made, subj["id"], obj["id"])])
        n += 1
    return n


def _reports(view: View, bundle: _Bundle, by_document: sqlite3.Connection, stamp: str) -> None:
    docs = [d for (d,) in by_document.execute("SELECT DISTINCT doc FROM r ORDER BY doc")]
    for doc_id in docs:
        object_refs = [r for (r,) in by_document.execute(
            "SELECT ref FROM r WHERE doc = ? ORDER BY ref", (doc_id,))]
        doc = view.documents.get(doc_id)
        published = (doc.published if doc is not None and doc.published else None)
        bundle.add({
            "id": sid("report", doc_id), "name": (doc.title if doc and doc.title else doc_id),
            "report_types": ["threat-report"],
            "published": f"{published}T00:00:00.000Z" if published else stamp,
            "object_refs": object_refs,
            "external_references": [{"source_name": "claimgraph-document",
                                     "external_id": doc_id,
                                     **({"url": doc.url} if doc is not None and doc.url else {})}],
        })
