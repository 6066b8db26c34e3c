"""Vraagbaak: the platform-neutral core, adapters, storage and command line."""

__version__ = "0.1.0"
