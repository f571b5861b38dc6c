"""What every command shares: error handling, output, options."""

from __future__ import annotations

import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from policebench.errors import InvalidInput, UserError
from policebench.i18n import default_lang
from policebench.problems import READ_AS, Problem

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
#: Some inputs were bad but the rest were processed (bulk runs without --strict).
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_BUG = 70


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class TableFormat(StrEnum):
    """The outputs of the commands that print tables."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]

RubricOpt = Annotated[
    Path | None,
    typer.Option(
        "--rubric",
        "-r",
        help="Rubric file or folder (default: ./rubrics, else the bundled rubric).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of labels and texts: en or zh (default: from the locale, else en).",
        show_default=False,
    ),
]
CitiesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Profile ids or paths (files or folders); @bundled = the profiles shipped with "
        "policebench; none = every profile in use.",
        show_default=False,
    ),
]


def lang_of(option: Lang | None) -> str:
    return option.value if option is not None else default_lang()


def use_color(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def terminal_width() -> int | None:
    if not sys.stdout.isatty():
        return 160
    return None if os.environ.get("COLUMNS") is None else int(os.environ["COLUMNS"])


def print_problems(problems: Iterable[Problem]) -> None:
    """Problems on stderr, one per line as FILE:LINE:COL: message (hint: ...)."""
    problems = list(problems)
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors or warnings:
        parts = []
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''}")
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        files = len({p.file for p in problems})
        sys.stderr.write(f"{' and '.join(parts)} in {files} file{'s' if files != 1 else ''}\n")


def emit(text: str, output: Path | None, protected: Iterable[Path] = ()) -> None:
    """``text`` to ``output`` (atomically) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from policebench.output import write_atomic

    write_atomic(output, text, protected=protected)
    sys.stderr.write(f"wrote {output}\n")


def finish(text: str, output: Path | None, ws: Any, failed: bool) -> None:
    """Write a command's result, then exit 2 if some input was bad (and left out)."""
    emit(text, output, ws.inputs())
    if failed:
        raise typer.Exit(EXIT_USAGE)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into a clean message and exit code 2 (never a traceback)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InvalidInput as exc:
            print_problems(exc.problems)
            raise typer.Exit(EXIT_USAGE) from None
        except UserError as exc:
            hint = f" (hint: {exc.hint})" if exc.hint else ""
            sys.stderr.write(f"error: {exc.message}{hint}\n")
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper


def run_app(app: typer.Typer) -> None:
    """Run the app; anything that escapes as an exception is a bug, reported as one."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception:
        sys.stderr.write(
            "policebench: internal error (a bug in policebench, not in your input)"
            "; please report it with the lines below\n"
        )
        traceback.print_exc()
        sys.exit(EXIT_BUG)


def load_or_exit(
    cities: list[str],
    rubric: Path | None,
    *,
    strict: bool = False,
    minimum: int = 1,
    extra: list[str] | None = None,
) -> tuple[Any, bool]:
    """Open the workspace; print the problems of inputs that were left out.

    Returns the workspace and whether any input was bad (the command then exits 2 after its
    output). Exits 2 at once when ``strict`` and any input was bad, or when fewer than
    ``minimum`` places remain.
    """
    from policebench.workspace import open_workspace

    collecting = gc.isenabled()
    gc.disable()  # reading makes millions of objects and no cycles (see reading._gc_paused)
    try:
        ws = open_workspace(cities, rubric, progress=_progress_callback(), extra=extra or ())
    finally:
        # The workspace lives until the command ends: frozen out of the collector's sight
        # before it wakes, it is not walked by the collection that waking would set off, nor
        # by any later one (0.3 s and 0.5 s with thousands of profiles).
        gc.freeze()
        if collecting:
            gc.enable()
    errors = ws.errors
    # Rubric files beside the one used that could not be read, and values read as meant
    # though typed another way (`level: ２`): shown, never a failure.
    listed = [p for p in ws.problems if p.severity == "error" or p.code in READ_AS]
    shown = [*ws.rubric_source.warnings, *listed]
    if shown:
        print_problems(shown)
    if errors and strict:
        sys.stderr.write("nothing written: --strict and some inputs are bad\n")
        raise typer.Exit(EXIT_USAGE)
    if len(ws.selected) < minimum:
        if not errors:
            sys.stderr.write(
                "error: no profiles found (hint: add YAML profiles to ./cities or "
                "name them on the command line)\n"
            )
        raise typer.Exit(EXIT_USAGE)
    return ws, bool(errors)


def _progress_callback() -> Callable[[int, int], None] | None:
    """A progress bar on stderr while many profiles are read; None (silent) off a terminal."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < 200:  # a handful of files reads faster than a bar draws
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import Progress

            # stderr, so that piped or redirected output (JSON, CSV) stays clean.
            bar = Progress(transient=True, console=Console(stderr=True))
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task("reading profiles", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update
