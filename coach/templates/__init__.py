"""Jinja2 templates for the Markdown export."""
