"""Run-time settings. Read from the environment so that CLI, workers and tests agree."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    gazetteers: tuple[Path, ...] = field(default_factory=tuple)
    sources: Path | None = None  # source reliability grades (aggregate/credibility.py)

    @classmethod
    def from_env(cls) -> Settings:
        extra = os.environ.get("CLAIMGRAPH_GAZETTEER", "")
        paths = tuple(Path(p) for p in extra.split(os.pathsep) if p)
        sources = os.environ.get("CLAIMGRAPH_SOURCES")
        return cls(model=os.environ.get("CLAIMGRAPH_MODEL", "en_core_web_sm"), gazetteers=paths,
                   sources=Path(sources) if sources else None)
