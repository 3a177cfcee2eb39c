"""Shipped framework definitions (TOML)."""
