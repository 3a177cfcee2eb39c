"""coach: a terminal coach for system-design interviews.

The core is importable without the CLI; heavy parts (content models, scoring,
simulation, session) live in submodules and are imported on demand.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
