"""One module per command; each registers itself on :data:`policebench.cli.app.app`."""
