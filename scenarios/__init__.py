"""Shipped scenario definitions (TOML)."""
