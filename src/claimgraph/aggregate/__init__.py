"""Aggregation: statements into claims, with their origins."""
