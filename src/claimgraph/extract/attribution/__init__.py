"""Attribution: who says so, for every relation (engine.py), from cues kept as data
(data/lexicon/cues.yaml, read by lexicon.py)."""

from claimgraph.extract.attribution.context import Cue, DocOrigin, Source
from claimgraph.extract.attribution.engine import Attributor, DocAttribution

__all__ = ["Attributor", "Cue", "DocAttribution", "DocOrigin", "Source"]
