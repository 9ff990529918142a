"""Coded errors. Every message names the input it is about and the reason."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: ``code`` is stable, ``str(err)`` is for people."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        prefix = f"[{self.code}] "
        super().__init__(prefix + (f"{source}: {message}" if source else message))


class BadOption(ClaimgraphError):
    """A command-line option is missing or has a value it cannot take."""

    code = "E010"


class InputError(ClaimgraphError):
    """An input file or record cannot be read as an article."""

    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class NoArticleText(InputError):
    code = "E105"


class MalformedRecord(InputError):
    code = "E106"


class MissingPath(InputError):
    code = "E107"


class UnsupportedFormat(InputError):
    code = "E108"


class TooLarge(InputError):
    """A file or record over the size limit (ingest/limits.py)."""

    code = "E110"


class NotRegularFile(InputError):
    """A device, FIFO, socket, or a link that leads nowhere or in a loop."""

    code = "E111"


class DamagedFile(InputError):
    """A PDF or Word file that its parser cannot open (damaged, encrypted, or another
    kind of file under that name)."""

    code = "E112"


class NotFound(ClaimgraphError):
    """A claim, actor or document id that the store does not hold."""

    code = "E109"


class ModelNotFound(ClaimgraphError):
    code = "E201"


class DataFileError(ClaimgraphError):
    """A gazetteer, ontology or sources file is malformed."""

    code = "E301"


class StoreError(ClaimgraphError):
    code = "E401"


class NoStore(StoreError):
    """A read command given a SQLite path where there is no store: only ``ingest`` and
    ``demo`` create one."""

    code = "E402"


class NeedsToken(ClaimgraphError):
    """``serve`` beyond loopback without a token."""

    code = "E601"


class PortBusy(ClaimgraphError):
    """``serve`` cannot listen on the address and port it was given."""

    code = "E602"


class LLMError(ClaimgraphError):
    """The LLM server could not be used for a document: it is down, too slow, refused
    the request, or answered with something that is no chat completion. The document
    fails whole (nothing of it is stored) and ``--retry-failed`` takes it again."""

    code = "E701"


class LLMUnreachable(LLMError):
    """No connection, or no answer within the timeout, after every retry."""

    code = "E702"


class LLMBadResponse(LLMError):
    """The server answered, but not with a chat completion (an HTTP error, or a body
    that is not the OpenAI-compatible JSON)."""

    code = "E703"
