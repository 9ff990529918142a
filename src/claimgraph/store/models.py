"""Tables. Statements (the evidence) are insert-only; claims are derived from them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(512), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256))
    published: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    signals: Mapped[list[str]] = mapped_column(JSON, default=list)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    encoding: Mapped[str | None] = mapped_column(String(32))  # utf-8, cp1252, pdf, docx...
    pages: Mapped[list[int] | None] = mapped_column(JSON)  # where each page starts (PDF)


class Signature(Base):
    """A document's MinHash signature, for near-duplicate search."""

    __tablename__ = "signatures"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class Copy(Base):
    """A verified near-duplicate pair: ``document_id`` arrived after ``copy_of``."""

    __tablename__ = "copies"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    copy_of: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float)


class Actor(Base):
    __tablename__ = "actors"
    id: Mapped[str] = mapped_column(String(256), primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    type: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))
    sector: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16), default="named", server_default="named")


class ActorParent(Base):
    __tablename__ = "actor_parents"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    parent_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), primary_key=True)


class Alias(Base):
    __tablename__ = "aliases"
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(512), primary_key=True)


class Mention(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)


class Origin(Base):
    __tablename__ = "origins"
    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Statement(Base):
    __tablename__ = "statements"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    subject_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str | None] = mapped_column(String(32))
    # None: an event whose target the text does not name ("students staged protests")
    object_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    hedged: Mapped[bool] = mapped_column(Boolean)
    directed: Mapped[bool] = mapped_column(Boolean, default=True)
    chain: Mapped[list[str]] = mapped_column(JSON)
    origin_key: Mapped[str] = mapped_column(ForeignKey("origins.key"))
    contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    time_start: Mapped[str | None] = mapped_column(String(32))
    time_end: Mapped[str | None] = mapped_column(String(32))
    time_text: Mapped[str | None] = mapped_column(Text)
    place: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    trigger: Mapped[str] = mapped_column(String(128))
    # who wrote it: "rules", or "llm:<model>" (extract/llm/)
    extractor: Mapped[str] = mapped_column(String(160), default="rules",
                                           server_default="rules")


Index("ix_statements_key", Statement.subject_id, Statement.type, Statement.object_id)


class Judgement(Base):
    """A curator's statement about claims or actors, with author and time. Never
    changes evidence; an ``undo`` judgement cancels the one it names."""

    __tablename__ = "judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # merge | reject | confirm | note | undo
    target: Mapped[str] = mapped_column(String(512), index=True)
    other: Mapped[str | None] = mapped_column(String(512))
    text: Mapped[str | None] = mapped_column(Text)
    undoes: Mapped[int | None] = mapped_column(ForeignKey("judgements.id"))
    author: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime)


class Failure(Base):
    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    input: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class LLMResponse(Base):
    """An LLM server's answer to one passage, kept so that a re-run asks nothing again
    and gives the same statements: keyed by model, prompt version and passage hash."""

    __tablename__ = "llm_responses"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(160))
    prompt: Mapped[str] = mapped_column(String(64))
    passage_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class Drop(Base):
    """Answers an extractor gave for a document that grounding refused, counted by
    reason ("quote not in the passage", "unknown type")."""

    __tablename__ = "drops"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    extractor: Mapped[str] = mapped_column(String(160), primary_key=True)
    reason: Mapped[str] = mapped_column(String(160), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
