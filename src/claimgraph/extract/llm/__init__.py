"""The LLM extractor (stage ``llm``): events from any OpenAI-compatible chat server,
kept only where the text bears them out."""

from claimgraph.extract.llm.cache import MemoryCache, StoreCache
from claimgraph.extract.llm.coder import LLMCoder

__all__ = ["LLMCoder", "MemoryCache", "StoreCache"]
