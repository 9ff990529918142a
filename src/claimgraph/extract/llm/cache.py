"""The LLM's answers, kept in the store: keyed by model, prompt version and the hash of
the passage as asked (its text and the mentions listed with it), so that a re-run asks
the server nothing it asked before and writes the same statements."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select

from claimgraph.store import models as m
from claimgraph.store.db import Store, insert_new


class Cache(Protocol):
    def get(self, key: str) -> str | None: ...

    def put(self, key: str, model: str, prompt: str, passage_hash: str,
            content: str) -> None: ...


def passage_hash(asked: str) -> str:
    return hashlib.sha256(asked.encode("utf-8")).hexdigest()


def cache_key(model: str, prompt: str, passage: str) -> str:
    return hashlib.sha256("\x1f".join((model, prompt, passage)).encode("utf-8")).hexdigest()


class StoreCache:
    """The cache in a claimgraph store (table ``llm_responses``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str) -> str | None:
        table = m.LLMResponse.__table__
        with self.store.engine.connect() as conn:
            return conn.execute(select(table.c.content).where(table.c.key == key)
                                ).scalar_one_or_none()

    def put(self, key: str, model: str, prompt: str, passage_hash: str, content: str) -> None:
        """Keep an answer (the first one, should two processes ask at once)."""
        row = {"key": key, "model": model[:160], "prompt": prompt[:64],
               "passage_hash": passage_hash, "content": content,
               "at": datetime.now(UTC).replace(tzinfo=None)}
        with self.store.engine.begin() as conn:
            insert_new(conn, m.LLMResponse.__table__, [row])


class MemoryCache:
    """A cache for runs without a store (``claimgraph eval``): this process only."""

    def __init__(self) -> None:
        self.answers: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.answers.get(key)

    def put(self, key: str, model: str, prompt: str, passage_hash: str, content: str) -> None:
        self.answers.setdefault(key, content)
