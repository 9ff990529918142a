"""The LLM extractor: each passage (a sentence, or a few short ones together) that
mentions an actor is put to the model, with the prompt's definitions and examples and the
mentions listed, at most ``in_flight`` requests at once; answers come from the cache
where it has them, and are grounded in the text (ground.py). A document whose requests
cannot all be answered fails whole."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from claimgraph.config import LLMSettings
from claimgraph.extract.llm.cache import Cache, cache_key, passage_hash
from claimgraph.extract.llm.client import ChatClient
from claimgraph.extract.llm.ground import Grounded, Grounder
from claimgraph.extract.llm.prompt import Prompt, load_prompt
from claimgraph.ontology import Ontology

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.stages import DocState

MAX_PASSAGE = 1500  # characters: a longer sentence is a parse gone wrong, not a passage
PASSAGE = 400  # characters: consecutive sentences are asked together up to this length


class LLMCoder:
    def __init__(self, settings: LLMSettings, ontology: Ontology, cache: Cache,
                 on_request: Callable[[bool], None] | None = None) -> None:
        self.settings = settings
        self.prompt: Prompt = load_prompt(settings.prompt, ontology)
        self.schema = self.prompt.schema()
        self.client = ChatClient(settings)
        self.cache = cache
        self.name = f"llm:{settings.model}"
        self.on_request = on_request  # called with True for a cached answer
        self._pool = ThreadPoolExecutor(max_workers=max(1, settings.in_flight),
                                        thread_name_prefix="claimgraph-llm")

    def code(self, ex: Extractor, st: DocState) -> Grounded:
        """The grounded statements of one document, and what grounding dropped."""
        layer = st.need_layer()
        asked: list[tuple[Span, str | Future[str]]] = []
        for passage in passages(st.doc):
            mentions = list(dict.fromkeys(m.span(st.doc).text
                                          for m in layer.within(passage.start, passage.end)))
            if not mentions or len(passage.text) > MAX_PASSAGE:
                continue
            messages = self.prompt.messages(passage.text.strip(), mentions)
            asked.append((passage, self._answer(messages)))
        out = Grounded()
        grounder = Grounder(ex, self.prompt, self.name)
        try:
            for sent, answer in asked:
                content = answer if isinstance(answer, str) else answer.result()
                grounder.ground(st, sent, content, out)
        finally:
            for _, answer in asked:
                if not isinstance(answer, str):
                    answer.cancel()
        return out

    def _answer(self, messages: list[dict[str, str]]) -> str | Future[str]:
        """The cached answer, or a request in flight."""
        hashed = passage_hash(messages[-1]["content"])
        key = cache_key(self.settings.model, self.prompt.version, hashed)
        found = self.cache.get(key)
        if found is not None:
            if self.on_request is not None:
                self.on_request(True)
            return found

        def ask() -> str:
            content = self.client.complete(messages, self.schema)
            self.cache.put(key, self.settings.model, self.prompt.version, hashed, content)
            if self.on_request is not None:
                self.on_request(False)
            return content

        return self._pool.submit(ask)


def passages(doc: Doc) -> list[Span]:
    """The document's sentences, consecutive ones joined while the passage stays within
    PASSAGE characters and a paragraph: the model sees the sentence before ("It said
    ...") and is asked half as often."""
    out: list[Span] = []
    start: Span | None = None
    for sent in doc.sents:
        if start is not None:
            joined = doc[start.start:sent.end]
            if len(joined.text) <= PASSAGE and "\n\n" not in joined.text.strip():
                start = joined
                continue
            out.append(start)
        start = sent
    if start is not None:
        out.append(start)
    return out
