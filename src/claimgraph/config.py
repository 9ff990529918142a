"""Run-time settings. Read from the environment so that CLI, workers and tests agree."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class LLMSettings:
    """Where the LLM extractor finds its server (any OpenAI-compatible one) and how it
    calls it. The key is never held here: ``key_env`` names the environment variable
    that holds it, read when a request is made (so it never reaches a log or a worker's
    pickled task)."""

    url: str = "http://127.0.0.1:8080/v1"
    model: str = "local"
    key_env: str = "CLAIMGRAPH_LLM_KEY"
    timeout: float = 60.0  # seconds for one request
    retries: int = 3  # further tries of a request that failed to connect or timed out
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    in_flight: int = 2  # requests at once, per process
    max_tokens: int = 512
    prompt: str = "events-v1"  # data/llm/<prompt>.yaml

    def key(self) -> str | None:
        return os.environ.get(self.key_env) or None

    def updated(self, values: dict[str, Any], source: str) -> LLMSettings:
        """These settings with ``values`` (a config file's, or the CLI's) put over them."""
        from claimgraph.errors import DataFileError

        known = {f.name: f.type for f in fields(self)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise DataFileError(f"unknown LLM setting(s) {', '.join(unknown)}; known: "
                                f"{', '.join(known)}", source=source)
        out: dict[str, Any] = {}
        for name, value in values.items():
            if value is None:
                continue
            kind = type(getattr(self, name))
            try:
                out[name] = kind(value)
            except (TypeError, ValueError) as exc:
                raise DataFileError(f"{name}: {value!r} is not a {kind.__name__}",
                                    source=source) from exc
        return replace(self, **out)


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    gazetteers: tuple[Path, ...] = field(default_factory=tuple)
    sources: Path | None = None  # source reliability grades (aggregate/credibility.py)
    extractor: str = "rules"  # rules | llm | rules+llm
    llm: LLMSettings = field(default_factory=LLMSettings)

    @classmethod
    def from_env(cls) -> Settings:
        extra = os.environ.get("CLAIMGRAPH_GAZETTEER", "")
        paths = tuple(Path(p) for p in extra.split(os.pathsep) if p)
        sources = os.environ.get("CLAIMGRAPH_SOURCES")
        return cls(model=os.environ.get("CLAIMGRAPH_MODEL", "en_core_web_sm"), gazetteers=paths,
                   sources=Path(sources) if sources else None)
