"""LAPOR Desktop core: domain, storage, services and the command line (no Qt, no HTTP)."""

__version__ = "0.1.0"
