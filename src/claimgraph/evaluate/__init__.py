"""Measuring the engine against annotated text: the seed gold file and re3d."""
