"""The command line: a thin layer that resolves inputs, calls the core and writes the result.

Each command lives in its own module and registers itself on :data:`app`; the shared options
and the error handling are in :mod:`policebench.cli.common`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the ``policebench`` console script."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        # Answer at once, before typer, pydantic or rich are imported.
        from policebench import __version__, exitcodes

        try:
            sys.stdout.write(f"policebench {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            exitcodes.silence_stdout()
            sys.exit(exitcodes.BROKEN_PIPE)
        return
    from policebench.cli.common import run_app
    from policebench.cli.root import app, command_in, register

    register(command_in(sys.argv[1:]))  # only the command run: 18 would cost 0.15 s
    run_app(app)
