"""Readers: files and records in, Articles (or named failures) out."""
