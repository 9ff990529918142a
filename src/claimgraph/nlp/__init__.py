"""spaCy model loading (once per process) and the sentence layer."""
