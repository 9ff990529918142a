"""The REST API and the workbench page. JSON only (the page and its assets aside),
paginated, every parameter validated (a bad one is a 422 naming it, never a 500)."""

import threading
from collections.abc import Callable
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response

from claimgraph import curation
from claimgraph.aggregate.credibility import CREDIBILITY, Reliability
from claimgraph.api.index import ClaimIndex, Summary
from claimgraph.api.security import MAX_BODY, install_security
from claimgraph.errors import ClaimgraphError, NotFound
from claimgraph.export.claims import View
from claimgraph.export.filters import DATE, actor_ids, in_range, real_date
from claimgraph.ontology import load_ontology
from claimgraph.store.db import Store
from claimgraph.words import load_words

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Who = Annotated[str | None, Body(embed=True, max_length=128, description="curator")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="items to skip")]


Filters = dict[str, Any]

def filters(
    actor: Annotated[str | None, Query(description="actor id, name or alias (with "
                                                   "its sub-units)")] = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]+$")] = None,
    mode: Annotated[str | None, Query(pattern=r"^[a-z_-]+$")] = None,
    polarity: Literal["asserted", "denied"] | None = None,
    hedged: bool | None = None,
    min_origins: Annotated[int, Query(ge=0)] = 0,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    document: str | None = None,
    origin: str | None = None,
    status: Literal["rejected", "confirmed", "none"] | None = None,
) -> Filters:
    if type and type.upper() not in EVENT_TYPES:
        raise _bad("type", f"unknown event type {type!r}; known: {', '.join(EVENT_TYPES)}")
    for name, value in (("since", since), ("until", until)):
        if value and not real_date(value):
            raise _bad(name, f"{value!r} is no real date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return {"actor": actor, "type_": type, "mode": mode, "polarity": polarity,
            "hedged": hedged, "min_origins": min_origins, "since": since, "until": until,
            "document": document, "origin": origin, "status": status}

FilterDep = Annotated[Filters, Depends(filters)]
EVENT_TYPES = sorted(load_ontology().event_types)


def _bad(parameter: str, problem: str) -> HTTPException:
    """A 422 naming the parameter and why, as the validation errors do."""
    return HTTPException(422, f"bad request: {parameter}: {problem}")



class Workbench:
    """The store, its view and the claim index, rebuilt when the store changes."""

    def __init__(self, store: Store, reliability: Reliability | None = None) -> None:
        self.store = store
        self.reliability = reliability
        self.lock = threading.Lock()
        self.version: tuple[Any, ...] | None = None
        self.view: View
        self.index: ClaimIndex
        self.refresh()

    def refresh(self) -> None:
        with self.lock:
            version = self.store.version()
            if version != self.version:
                self.view = View(self.store, self.reliability)
                self.index = ClaimIndex(self.view)
                self.version = version


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


def create_app(store: Store, *, read_only: bool = False, token: str | None = None,
               author: str = "analyst", hosts: set[str] | None = None,
               max_body: int = MAX_BODY, reliability: Reliability | None = None
               ) -> FastAPI:
    """``hosts``: the Host names to answer (None: any, for an embedding server that
    checks them itself); ``max_body``: the largest request body, in bytes."""
    app = FastAPI(title="claimgraph", version="0.1.0",
                  description="Claims between actors, with who says so.")
    wb = Workbench(store, reliability)
    guard = install_security(app, read_only=read_only, token=token, hosts=hosts,
                             max_body=max_body)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"parameter": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
                     "problem": e["msg"]} for e in exc.errors()]
        text = "; ".join(f"{p['parameter']}: {p['problem']}" for p in problems)
        return JSONResponse({"detail": f"bad request: {text}", "problems": problems},
                            status_code=422)

    @app.exception_handler(NotFound)
    async def _missing(_request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(ClaimgraphError)
    async def _refused(_request: Request, exc: ClaimgraphError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    def current() -> Workbench:
        wb.refresh()
        return wb

    # ------------------------------------------------------------- claims
    def claim_filter(actor: str | None, type_: str | None, mode: str | None,
                     polarity: str | None, hedged: bool | None, min_origins: int,
                     since: str | None, until: str | None, document: str | None,
                     origin: str | None, status: str | None,
                     view: View) -> Callable[[Summary], bool]:
        ids = actor_ids(view, actor) if actor else None
        if actor and not ids:
            raise NotFound("no such actor", source=actor)

        def keep(s: Summary) -> bool:
            if ids is not None and not (s.actors & ids):
                return False
            if type_ and s.type != type_.upper():
                return False
            if mode and s.mode != mode:
                return False
            if polarity and s.polarity != polarity:
                return False
            if hedged is not None and s.hedged != hedged:
                return False
            if s.origins < min_origins:
                return False
            if not in_range(s.time_start, s.time_end, since, until):
                return False
            if document and document not in s.documents:
                return False
            if origin and origin not in s.origin_keys:
                return False
            return not (status and (s.status or "none") != status)
        return keep

    def selected(f: Filters) -> tuple[Workbench, list[Summary]]:
        w = current()
        keep = claim_filter(view=w.view, **f)
        return w, [s for s in w.index.claims if keep(s)]

    @app.get("/api/words")
    def words() -> dict[str, Any]:
        """Claims in words (data/words.yaml) and the credibility grades' names."""
        return {**load_words(), "credibility": {str(k): v for k, v in CREDIBILITY.items()}}

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        w = current()
        return {"status": "ok", "claims": len(w.index.claims), "actors": len(w.view.actors),
                "documents": len(w.view.documents), "read_only": read_only}

    @app.get("/api/claims")
    def list_claims(f: FilterDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        w, found = selected(f)
        page = _page(found, limit, offset)
        page["items"] = [s.row(w.view) for s in page["items"]]
        return page

    @app.get("/api/claims/{claim_id}")
    def get_claim(claim_id: str) -> dict[str, Any]:
        w = current()
        c = w.index.claim(claim_id)
        if c is None:
            raise NotFound("no such claim", source=claim_id)
        row = w.view.claim(c)
        by_origin: dict[str, list[int]] = {}
        for k, e in enumerate(row["evidence"]):
            by_origin.setdefault(e["origin_id"], []).append(k)
            e["context"] = _context(w.view, e["document"], e["start"], e["end"])
            doc = w.view.documents.get(e["document"])  # labelled as people cite it
            e["document_title"] = doc.title if doc is not None else None
            e["outlet"] = doc.outlet if doc is not None else None
            e["published"] = doc.published if doc is not None else None
        row["origin_groups"] = [{"origin": o, "evidence": ks} for o, ks in by_origin.items()]
        row["contradicting"] = [w.index.by_id[x].row(w.view) for x in c.contradicts
                                if x in w.index.by_id]
        return row

    @app.get("/api/network")
    def network(f: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 500
                ) -> dict[str, Any]:
        w, found = selected(f)
        found = [s for s in found if s.object is not None]  # drawn: two actors only
        edges = found[:limit]
        view = w.view
        ids: set[str] = set()
        for s in edges:
            ids.update(a for a in (s.subject, s.object) if a is not None)
        parents = {a: sorted(view.parents.get(a, [])) for a in ids}
        for ps in list(parents.values()):
            ids.update(ps)
        nodes = [{"id": a, "label": view.actors[a].name, "type": view.actors[a].type,
                  "parents": sorted(view.parents.get(a, [])),
                  "country": view.actors[a].country, "sector": view.actors[a].sector,
                  "kind": view.actors[a].kind}
                 for a in sorted(ids) if a in view.actors]
        return {"total_edges": len(found), "nodes": nodes,
                "edges": [s.row(view) for s in edges]}

    # ------------------------------------------------------------- actors
    @app.get("/api/actors")
    def list_actors(q: Annotated[str | None, Query(max_length=200)] = None,
                    limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        w = current()
        view = w.view
        counts: dict[str, int] = {}
        for s in w.index.claims:
            for a in (s.subject, s.object):
                if a is not None:
                    counts[a] = counts.get(a, 0) + 1
        wanted = q.lower() if q else None
        rows = []
        for a in sorted(view.actors, key=lambda a: (-counts.get(a, 0), view.actors[a].name)):
            if a not in counts and a not in view.mention_counts:
                continue
            names = [view.actors[a].name, *view.aliases.get(a, [])]
            if wanted and not any(wanted in n.lower() for n in names):
                continue
            rows.append({**view.actor(a), "claims": counts.get(a, 0),
                         "mentions": view.mention_counts.get(a, 0),
                         "merged_into": view.actor_of(a) if view.actor_of(a) != a else None})
        return _page(rows, limit, offset)

    @app.get("/api/actors/{actor_id}")
    def get_actor(actor_id: str, limit: Limit = 100) -> dict[str, Any]:
        w = current()
        view = w.view
        if actor_id not in view.actors:
            raise NotFound("no such actor", source=actor_id)
        row = view.actor(actor_id)
        row["children"] = sorted(a for a, ps in view.parents.items() if actor_id in ps)
        row["merged_into"] = view.actor_of(actor_id) if view.actor_of(actor_id) != actor_id \
            else None
        row["merged_here"] = sorted(a for a, b in view.curation.merged_into.items()
                                    if b == actor_id)
        row["claims_out"] = [s.row(view) for s in w.index.claims if s.subject == actor_id][:limit]
        row["claims_in"] = [s.row(view) for s in w.index.claims if s.object == actor_id][:limit]
        return row

    # ---------------------------------------------------------- documents
    @app.get("/api/session")
    def session() -> dict[str, Any]:
        """The CSRF token that changing requests carry (X-CSRF-Token)."""
        return {"csrf": guard.csrf, "read_only": read_only}

    @app.get("/api/documents/{doc_id:path}")  # ids are urls and paths: "/" included
    def get_document(doc_id: str) -> dict[str, Any]:
        w = current()
        doc = w.store.document(doc_id)
        if doc is None:
            raise NotFound("no such document", source=doc_id)
        return {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
                "published": doc.published, "signals": doc.signals or [], "text": doc.text,
                "mentions": w.store.mentions_in(doc_id),
                "claims": [s.row(w.view) for s in w.index.claims if doc_id in s.documents]}

    @app.get("/api/search")
    def search(q: Annotated[str, Query(min_length=1, max_length=500)],
               limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        total, rows = current().store.search(q, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    # ------------------------------------------------------------ curation
    @app.get("/api/judgements")
    def judgements(limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        rows = [{"id": r.id, "kind": r.kind, "target": r.target, "other": r.other,
                 "text": r.text, "undoes": r.undoes, "author": r.author,
                 "at": r.at.isoformat()} for r in reversed(current().store.judgements())]
        return _page(rows, limit, offset)

    @app.post("/api/actors/{actor_id}/merge")
    def merge(actor_id: str, into: Annotated[str, Body(embed=True)],
              who: Who = None
              ) -> dict[str, Any]:
        jid = curation.merge(store, actor_id, into, who or author)
        return {"judgement": jid}

    @app.post("/api/actors/{actor_id}/split")
    def split(actor_id: str,
              who: Who = None
              ) -> dict[str, Any]:
        return {"judgement": curation.split(store, actor_id, who or author)}

    @app.post("/api/claims/{claim_id}/{kind}")
    def judge(claim_id: str, kind: Literal["reject", "confirm", "note"],
              text: Annotated[str | None, Body(embed=True, max_length=5000)] = None,
              who: Who = None
              ) -> dict[str, Any]:
        if claim_id not in current().index.by_id:
            raise NotFound("no such claim", source=claim_id)
        return {"judgement": curation.judge_claim(store, kind, claim_id, who or author, text)}

    @app.post("/api/judgements/{judgement_id}/undo")
    def undo(judgement_id: int,
             who: Who = None
             ) -> dict[str, Any]:
        return {"judgement": curation.undo(store, judgement_id, who or author)}

    # ---------------------------------------------------------------- page
    static = resources.files("claimgraph.web").joinpath("static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        html = static.joinpath("index.html").read_text("utf-8").replace(
            "<head>", f'<head>\n<meta name="csrf-token" content="{guard.csrf}">', 1)
        return Response(html, media_type="text/html")

    @app.get("/static/{name}", include_in_schema=False)
    def asset(name: Literal["app.js", "app.css"]) -> Response:
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(static.joinpath(name).read_bytes(), media_type=kind)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: Literal["vis-network.min.js", "vis-network.css"]) -> FileResponse:
        return FileResponse(_vis_network() + "/" + name)

    return app


def _context(view: View, doc_id: str, start: int, end: int, width: int = 240) -> dict[str, Any]:
    doc = view.store.document(doc_id)
    if doc is None:
        return {"before": "", "quote": "", "after": ""}
    text = doc.text
    return {"before": text[max(0, start - width):start], "quote": text[start:end],
            "after": text[end:end + width]}


def _vis_network() -> str:
    """vis-network comes from PyPI inside pyvis; we serve its files, we do not copy them."""
    import pyvis

    base = resources.files(pyvis).joinpath("lib")
    versions = sorted(p.name for p in base.iterdir() if p.name.startswith("vis-"))
    if not versions:
        raise HTTPException(500, "vis-network is missing from the pyvis package")
    return str(base.joinpath(versions[-1]))
