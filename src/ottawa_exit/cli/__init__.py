"""The command line: the only layer that knows flags, formats on the terminal and exit codes."""

from .app import app, main

__all__ = ["app", "main"]
