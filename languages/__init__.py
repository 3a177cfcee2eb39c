"""Shipped language cue sets (TOML): what rejects, defers, supposes or asks, per language (see coach/scoring/cues.py)."""
