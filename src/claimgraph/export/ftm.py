"""FollowTheMoney entities, one JSON object per line: Person / Organization /
PublicBody for actors, Membership and Directorship for standing ties and hierarchy,
UnknownLink for the other claims, Article for documents, Mention for who is named
where. Entities are built and cleaned by the followthemoney library itself."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, TextIO

from followthemoney import model

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View

SCHEMA = {"person": "Person", "state": "PublicBody", "igo": "PublicBody"}


def fid(*parts: str) -> str:
    return "cg-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


class _Writer:
    def __init__(self, out: TextIO) -> None:
        self.out, self.seen = out, set[str]()

    def emit(self, schema: str, key: tuple[str, ...], props: dict[str, Any]) -> str:
        entity_id = fid(schema, *key)
        if entity_id in self.seen:
            return entity_id
        self.seen.add(entity_id)
        proxy = model.make_entity(schema)
        proxy.id = entity_id
        for prop, values in props.items():
            for v in values if isinstance(values, list) else [values]:
                if v not in (None, ""):
                    proxy.add(prop, v)
        self.out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        return entity_id


def _actor(w: _Writer, view: View, actor_id: str) -> str:
    a = view.actors[actor_id]
    schema = SCHEMA.get(a.type, "Organization")
    notes = "; ".join(f"{k}: {v}" for k, v in (("country", a.country), ("sector", a.sector),
                                                ("kind", a.kind)) if v)
    ent = w.emit(schema, ("actor", actor_id), {
        "name": a.name, "alias": sorted(set(view.aliases.get(actor_id, [])) - {a.name}),
        "notes": notes})
    for parent in sorted(view.parents.get(actor_id, [])):
        if parent in view.actors and SCHEMA.get(view.actors[parent].type) != "Person":
            org = _actor(w, view, parent)
            w.emit("Membership", ("part_of", actor_id, parent),
                   {"member": ent, "organization": org, "role": "part of"})
    return ent


def _article(w: _Writer, view: View, doc_id: str) -> str:
    doc = view.documents.get(doc_id)
    props: dict[str, Any] = {"title": doc_id, "name": doc_id}
    if doc is not None:
        props.update({"title": doc.title or doc_id, "publishedAt": doc.published,
                      "publisher": doc.outlet, "sourceUrl": doc.url})
    return w.emit("Article", ("document", doc_id), props)


def write(view: View, claims: Iterable[Claim], out: TextIO) -> int:
    w = _Writer(out)
    n = 0
    for c in claims:
        if c.object is None:
            continue  # a link needs two ends; the PLOVER export has these
        subj, obj = _actor(w, view, c.subject), _actor(w, view, c.object)
        starts = sorted(e.st.time_start for e in c.evidence if e.st.time_start)
        label = c.type + (f"/{c.mode}" if c.mode else "") + \
            (" (denied)" if c.polarity == "denied" else "")
        common = {"summary": c.explanation(), "startDate": starts[0] if starts else None,
                  "description": "\n".join(f"\u201c{e.st.quote}\u201d ({e.st.document_id}, per "
                                           f"{' > '.join(e.st.chain)})" for e in c.counted),
                  "publisher": [c.origin_labels[k] for k in c.origin_keys]}
        object_schema = SCHEMA.get(view.actors[c.object].type, "Organization")
        if c.type in ("MEMBER_OF", "PART_OF") and object_schema != "Person" \
                and c.polarity == "asserted":
            w.emit("Membership", ("claim", c.id),
                   {"member": subj, "organization": obj, "role": label, **common})
        elif c.type == "LEADER_OF" and object_schema != "Person" and c.polarity == "asserted":
            w.emit("Directorship", ("claim", c.id),
                   {"director": subj, "organization": obj, "role": "leader", **common})
        else:
            w.emit("UnknownLink", ("claim", c.id),
                   {"subject": subj, "object": obj, "role": label, "status": c.polarity,
                    **common})
        for e in c.counted:
            doc = _article(w, view, e.st.document_id)
            for actor_id, ent in ((e.st.subject_id, subj), (e.st.object_id, obj)):
                if actor_id in (c.subject, c.object):
                    w.emit("Mention", ("mention", e.st.document_id, actor_id),
                           {"document": doc, "resolved": ent,
                            "name": view.actors[actor_id].name})
        n += 1
    return n
