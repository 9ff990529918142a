"""The one place that talks to the database."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, insert, select, tuple_
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from claimgraph.errors import StoreError
from claimgraph.records import Extraction
from claimgraph.store import models as m


def normalise_url(db: str) -> str:
    """A bare path means a SQLite file; URLs pass through."""
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


MIGRATION_LOCK = 0x636C6169  # "clai": the advisory lock key that migrations take


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def statement_id(doc_id: str, *parts: object) -> str:
    raw = "\x1f".join([doc_id, *(str(p) for p in parts)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class Store:
    def __init__(self, db: str) -> None:
        self.url = normalise_url(db)
        if self.url.startswith("sqlite:///"):
            parent = Path(self.url[len("sqlite:///"):]).parent
            if not parent.exists():
                raise StoreError("folder for the database does not exist", source=str(parent))
        self.engine: Engine = create_engine(self.url, future=True)
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> None:
        from alembic import command  # imported when needed: it is slow to import
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location",
                            str(resources.files("claimgraph.store").joinpath("migrations")))
        with self.engine.begin() as conn:
            # two runs started together on a new database: one migrates, the other waits
            # and then finds it done (PostgreSQL: a transaction-scoped advisory lock;
            # SQLite: the write lock, taken before alembic looks at its version table)
            if conn.dialect.name == "postgresql":
                conn.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            elif conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # ------------------------------------------------------------- writing
    def has_content(self, text: str) -> bool:
        return bool(self.stored_contents([content_hash(text)]))

    def stored_contents(self, hashes: list[str]) -> set[str]:
        """Those of the content hashes that a stored document has."""
        with self.engine.connect() as conn:
            docs = m.Document.__table__
            return set(conn.scalars(select(docs.c.content_hash).where(
                docs.c.content_hash.in_(hashes)))) if hashes else set()

    def taken_ids(self, ids: list[str]) -> set[str]:
        with self.engine.connect() as conn:
            docs = m.Document.__table__
            return set(conn.scalars(select(docs.c.id).where(docs.c.id.in_(ids)))) \
                if ids else set()

    def free_id(self, doc_id: str, text: str) -> str:
        """The document id, or a suffixed one when another text already holds it."""
        return doc_id if not self.taken_ids([doc_id]) else suffixed_id(doc_id, text)

    def save(self, ex: Extraction, doc_id: str, signature: bytes | None = None,
             copies: list[tuple[str, float]] | None = None, resolves: bool = True) -> None:
        """Store one article, everything found in it, its MinHash signature and the
        stored articles it nearly duplicates, in one transaction."""
        self.save_many([Entry(ex, doc_id, signature, copies or [], resolves)])

    def save_many(self, entries: list[Entry]) -> None:
        """Store several articles in one transaction: all of them or none (SQL core
        statements, one per table: this is the hot path of every ingest)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        t = m.Base.metadata.tables
        rows: dict[str, dict[Any, dict[str, Any]]] = {name: {} for name in t}
        resolved: list[str] = []
        for entry in entries:
            _entry_rows(entry, now, rows)
            if entry.resolves:
                resolved.append(entry.extraction.article.source)
        shared = ("actors", "aliases", "actor_parents", "origins")  # other articles' too
        with self.engine.begin() as conn:
            for name in ("documents", "signatures", "copies", "actors", "aliases",
                         "actor_parents", "mentions", "origins", "statements", "drops"):
                if name in shared:
                    insert_new(conn, t[name], [rows[name][k] for k in sorted(rows[name])])
                elif rows[name]:
                    conn.execute(insert(t[name]), list(rows[name].values()))
            if resolved:  # they went through this time
                failures = t["failures"]
                conn.execute(failures.update().where(
                    failures.c.input.in_(resolved), failures.c.resolved_at.is_(None)
                ).values(resolved_at=now))

    def record_failure(self, source: str, code: str, reason: str) -> None:
        """Record (or, for an input that still fails, update) a failure."""
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.session.begin() as s:
            row = s.scalars(select(m.Failure).where(
                m.Failure.input == source, m.Failure.resolved_at.is_(None))).first()
            if row is None:
                s.add(m.Failure(input=source, code=code, reason=reason, at=now))
            else:
                row.code, row.reason, row.at = code, reason, now

    # ------------------------------------------------------------- reading
    def context(self) -> dict[str, Any]:
        """Everything aggregation needs except the statements (and document texts)."""
        doc_cols = (m.Document.id, m.Document.outlet, m.Document.published, m.Document.title,
                    m.Document.url, m.Document.signals, m.Document.ingested_at,
                    m.Document.pages)
        with self.session() as s:
            return {
                "actors": {a.id: a for a in s.scalars(select(m.Actor))},
                "parents": [(p.actor_id, p.parent_id) for p in s.scalars(select(m.ActorParent))],
                "aliases": [(a.actor_id, a.name) for a in s.scalars(select(m.Alias))],
                "mentions": {a: n for a, n in s.execute(
                    select(m.Mention.actor_id, func.count(m.Mention.id))
                    .group_by(m.Mention.actor_id)).all()},
                "origins": {o.key: o for o in s.scalars(select(m.Origin))},
                "documents": {r.id: r for r in s.execute(select(*doc_cols)).all()},
                "copies": [(c.document_id, c.copy_of) for c in s.scalars(select(m.Copy))],
            }

    def pair_counts(self) -> list[tuple[str, str | None, int]]:
        """(subject, object, number of statements) for every pair with statements
        (object None: events whose target the text does not name)."""
        with self.session() as s:
            rows = s.execute(select(m.Statement.subject_id, m.Statement.object_id,
                                    func.count(m.Statement.id))
                             .group_by(m.Statement.subject_id, m.Statement.object_id)).all()
        return [(a, b, n) for a, b, n in rows]

    def statements_for(self, pairs: list[tuple[str, str | None]], chunk: int = 400
                       ) -> list[Any]:
        """The statements of the given (subject, object) pairs, as read-only rows."""
        table = m.Statement.__table__
        out: list[Any] = []
        both = [p for p in pairs if p[1] is not None]
        alone = sorted({s for s, o in pairs if o is None})
        with self.engine.connect() as conn:
            for i in range(0, len(both), chunk):
                part = both[i:i + chunk]
                out.extend(conn.execute(select(table).where(
                    tuple_(table.c.subject_id, table.c.object_id).in_(part))))
            for i in range(0, len(alone), chunk):
                out.extend(conn.execute(select(table).where(
                    table.c.subject_id.in_(alone[i:i + chunk]), table.c.object_id.is_(None))))
        out.sort(key=lambda st: (st.document_id, st.start, st.id))
        return out

    def document(self, doc_id: str) -> m.Document | None:
        with self.session() as s:
            return s.get(m.Document, doc_id)

    def signatures(self) -> list[tuple[str, bytes]]:
        with self.session() as s:
            rows = s.execute(select(m.Signature.document_id, m.Signature.minhash)).all()
        return [(doc_id, sig) for doc_id, sig in rows]

    def document_text(self, doc_id: str) -> str | None:
        with self.session() as s:
            text: str | None = s.scalar(select(m.Document.text).where(m.Document.id == doc_id))
            return text

    # ------------------------------------------------------------ curation
    def add_judgement(self, kind: str, target: str, author: str, other: str | None = None,
                      text: str | None = None, undoes: int | None = None) -> int:
        with self.session.begin() as s:
            row = m.Judgement(kind=kind, target=target, other=other, text=text, undoes=undoes,
                              author=author, at=datetime.now(UTC).replace(tzinfo=None))
            s.add(row)
            s.flush()
            return row.id

    def judgements(self) -> list[m.Judgement]:
        with self.session() as s:
            return list(s.scalars(select(m.Judgement).order_by(m.Judgement.id)))

    def version(self) -> tuple[Any, ...]:
        """Changes whenever an article or a judgement is added (cheap to ask)."""
        with self.session() as s:
            return (s.scalar(select(func.count(m.Document.id))),
                    s.scalar(select(func.max(m.Document.ingested_at))),
                    s.scalar(select(func.max(m.Judgement.id))))

    # ------------------------------------------------------------- search
    def search(self, query: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Full-text search over documents: FTS5 on SQLite, tsvector on PostgreSQL.
        The query is passed as a bound parameter, never built into the SQL."""
        from sqlalchemy import text

        words = [w for w in re.findall(r"\w+", query) if w]
        if not words:
            return 0, []
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                match = " ".join('"' + w.replace('"', "") + '"' for w in words)
                total = conn.execute(text("SELECT count(*) FROM documents_fts WHERE "
                                          "documents_fts MATCH :q"), {"q": match}).scalar_one()
                rows = conn.execute(text(
                    "SELECT d.id, d.title, d.outlet, d.published, "
                    "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
                    "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                    "WHERE documents_fts MATCH :q ORDER BY rank, d.id LIMIT :l OFFSET :o"),
                    {"q": match, "l": limit, "o": offset}).mappings().all()
            else:
                tsv = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
                q = " ".join(words)
                total = conn.execute(text(f"SELECT count(*) FROM documents WHERE {tsv} @@ "
                                          "plainto_tsquery('english', :q)"), {"q": q}).scalar_one()
                rows = conn.execute(text(
                    f"SELECT id, title, outlet, published, ts_headline('english', text, "
                    f"plainto_tsquery('english', :q), 'StartSel=[,StopSel=]') AS snippet "
                    f"FROM documents WHERE {tsv} @@ plainto_tsquery('english', :q) "
                    f"ORDER BY ts_rank({tsv}, plainto_tsquery('english', :q)) DESC, id "
                    "LIMIT :l OFFSET :o"), {"q": q, "l": limit, "o": offset}).mappings().all()
        return int(total), [dict(r) for r in rows]

    def mentions_in(self, doc_id: str) -> list[dict[str, Any]]:
        with self.session() as s:
            rows = s.execute(select(m.Mention.start, m.Mention.end, m.Mention.text,
                                    m.Mention.actor_id).where(m.Mention.document_id == doc_id)
                             .order_by(m.Mention.start)).all()
        return [{"start": a, "end": b, "text": t, "actor": actor} for a, b, t, actor in rows]

    def open_failures(self) -> set[str]:
        """The inputs that failed and have not gone through since."""
        with self.session() as s:
            return set(s.scalars(select(m.Failure.input).where(m.Failure.resolved_at.is_(None))))

    def drops(self) -> list[m.Drop]:
        """Answers refused by grounding, per document, extractor and reason."""
        with self.session() as s:
            return list(s.scalars(select(m.Drop).order_by(
                m.Drop.document_id, m.Drop.extractor, m.Drop.reason)))

    def failures(self, include_resolved: bool = False) -> list[m.Failure]:
        with self.session() as s:
            q = select(m.Failure).order_by(m.Failure.id)
            if not include_resolved:
                q = q.where(m.Failure.resolved_at.is_(None))
            return list(s.scalars(q))


def suffixed_id(doc_id: str, text: str) -> str:
    return f"{doc_id}~{content_hash(text)[:8]}"


@dataclass(frozen=True)
class Entry:
    """One article to store: its extraction, its id, its MinHash signature, the stored
    documents it nearly duplicates (id, similarity), and whether its success resolves
    an earlier failure of the same input."""

    extraction: Extraction
    doc_id: str
    signature: bytes | None = None
    copies: list[tuple[str, float]] = field(default_factory=list)
    resolves: bool = True


def _entry_rows(entry: Entry, now: datetime, rows: dict[str, dict[Any, dict[str, Any]]]
                ) -> None:
    """Add one article's rows, keyed by each table's primary key."""
    ex, doc_id = entry.extraction, entry.doc_id
    art = ex.article
    rows["documents"][doc_id] = {
        "id": doc_id, "content_hash": content_hash(art.text), "source": art.source,
        "url": art.url, "title": art.title, "outlet": art.outlet,
        "published": art.published, "text": art.text, "signals": ex.signals,
        "ingested_at": now, "encoding": art.encoding,
        "pages": list(art.pages) if art.pages else None}
    if entry.signature is not None:
        rows["signatures"][doc_id] = {"document_id": doc_id, "minhash": entry.signature}
    for other, sim in entry.copies:
        rows["copies"][(doc_id, other)] = {"document_id": doc_id, "copy_of": other,
                                           "similarity": sim}
    for a in ex.actors.values():
        rows["actors"][a.id] = {"id": a.id, "name": a.name, "type": a.type,
                                "country": a.country, "sector": a.sector, "role": a.role,
                                "source": a.source, "kind": a.kind}
        for alias in {x[:512] for x in a.aliases}:
            rows["aliases"][(a.id, alias)] = {"actor_id": a.id, "name": alias}
        for p in a.parents:
            if p in ex.actors:
                rows["actor_parents"][(a.id, p)] = {"actor_id": a.id, "parent_id": p}
    for i, men in enumerate(ex.mentions):
        rows["mentions"][(doc_id, i)] = {"document_id": doc_id, "start": men.start,
                                         "end": men.end, "text": men.text,
                                         "actor_id": men.actor_id}
    for st in ex.statements:
        o = st.origin
        rows["origins"][o.key] = {"key": o.key, "kind": o.kind, "label": o.label,
                                  "attrs": o.attrs}
        by: tuple[str, ...] = () if st.extractor == "rules" else (st.extractor,)
        sid = statement_id(doc_id, st.start, st.end, st.subject_id, st.type, st.mode,
                           st.object_id, st.polarity, *by)  # the rules' ids as before
        rows["statements"].setdefault(sid, {
            "id": sid, "document_id": doc_id, "start": st.start, "end": st.end,
            "quote": st.quote, "subject_id": st.subject_id, "type": st.type,
            "mode": st.mode, "object_id": st.object_id, "polarity": st.polarity,
            "hedged": st.hedged, "directed": st.directed, "chain": list(st.chain),
            "origin_key": o.key, "contexts": list(st.contexts),
            "time_start": st.time.start if st.time else None,
            "time_end": st.time.end if st.time else None,
            "time_text": st.time.text if st.time else None,
            "place": ({"name": st.place.name, "lat": st.place.lat,
                       "lon": st.place.lon} if st.place else None),
            "trigger": st.trigger[:128], "extractor": st.extractor[:160]})
    for (name, reason), count in ex.drops.items():
        rows["drops"][(doc_id, name, reason)] = {"document_id": doc_id,
                                                 "extractor": name[:160],
                                                 "reason": reason[:160], "count": count}


def insert_new(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert the rows whose key the table lacks; concurrent writers cannot collide
    (INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    else:
        keys = [c.name for c in table.primary_key.columns]
        have = {tuple(r) for r in conn.execute(select(*[table.c[k] for k in keys]))}
        new = [r for r in rows if tuple(r[k] for k in keys) not in have]
        if new:
            conn.execute(insert(table), new)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
