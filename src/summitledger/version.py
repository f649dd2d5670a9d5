"""summitledger's version, in one place: pyproject.toml reads it from here, and a stage
names it from here without importing the top-level package (and all it imports)."""

__version__ = "0.1.0"
