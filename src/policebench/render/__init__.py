"""Renderers: each takes computed results and returns a string. None of them writes files."""
