"""Runners of the pipeline: local (one process) now; the same stages elsewhere later."""
