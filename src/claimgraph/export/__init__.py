"""Exporters, registered by name."""
