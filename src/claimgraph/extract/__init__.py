"""Extraction: actors, relations and attribution from one parsed article."""
