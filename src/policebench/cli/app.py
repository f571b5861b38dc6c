"""The typer application with every command registered (what tests, the docs' examples and
``policebench --help`` use; a run of one command registers only that one: ``cli.main``)."""

from __future__ import annotations

from policebench.cli.root import app, register

__all__ = ["app"]

register()
