"""Shipped content: frameworks/ and scenarios/ are mapped here in the wheel (see pyproject.toml)."""
