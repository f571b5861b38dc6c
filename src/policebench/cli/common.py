"""What every command shares: error handling, output, options."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from policebench import exitcodes
from policebench.errors import InvalidInput, UserError
from policebench.i18n import default_lang, t
from policebench.problems import READ_AS, Problem
from policebench.render import registry
from policebench.render.registry import Style, TableFormat

P = ParamSpec("P")
R = TypeVar("R")


class Lang(StrEnum):
    en = "en"
    zh = "zh"


def format_option(default: str) -> Any:
    """The --format option of a command whose output is ``default`` when nothing says otherwise.

    Its value is None when --format is not given, so that :func:`resolve_format` can tell a
    format asked for from one defaulted, and take it from the --output file name instead.
    """
    return typer.Option(
        "--format",
        "-f",
        help=f"Output format (default: from the --output file name, else {default}).",
        show_default=False,
    )


TableFormatOpt = Annotated[TableFormat | None, format_option("table")]

#: The format a file name's extension says (lower case), for every format some command writes.
#: See :data:`ONLY_WHERE_WRITTEN` for .txt and .yaml.
FORMAT_OF_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".csv": "csv",
    ".txt": "table",
    ".yaml": "yaml",
    ".yml": "yaml",
}
#: Formats whose extension says them only for a command that writes them: .txt is any text and
#: .yaml any YAML, so ``report --format markdown -o notes.txt`` is markdown, and a .yaml name is
#: no format at all for a command that writes none (reports are never YAML).
ONLY_WHERE_WRITTEN = frozenset({"table", "yaml"})
#: The extension suggested for each format.
SUFFIX_OF_FORMAT = {
    "html": ".html",
    "markdown": ".md",
    "json": ".json",
    "csv": ".csv",
    "table": ".txt",
    "yaml": ".yaml",
}


def resolve_format(
    format_option: StrEnum | None, output: Path | None, command: str, lang: str
) -> str:
    """The format ``command`` writes: --format when given, else the one the --output file
    name says, else the command's default (when writing to stdout). The formats offered and
    the default are the format registry's (``render.registry``).

    A --format the file name contradicts (``--format html -o x.csv``), a file name saying a
    format the command does not write (``.html`` for one without html), and, without
    --format, a file name that says no format (``report.out``) are user errors, raised
    before anything is read or written. --format with a file name that says no format is
    honoured: the user said what they want.
    """
    offered = registry.formats(command)
    if output is None:
        return (format_option or registry.default(command)).value
    suffix = output.suffix.lower()
    names = [f.value for f in offered]
    inferred = format_of(output, names)
    if format_option is not None:
        if inferred is None or inferred == format_option.value:
            return format_option.value
        hint = "fmt_mismatch_hint" if inferred in names else "fmt_rename_hint"
        raise UserError(
            t("fmt_mismatch", lang).format(
                format=format_option.value, file=output, suffix=suffix, inferred=inferred
            ),
            t(hint, lang).format(renamed=_renamed(output, format_option.value)),
        )
    if inferred is None:
        if output.is_dir():  # what write_atomic would say, before anything is read
            raise UserError(f"{output} is a folder", "give a file name to --output")
        raise UserError(
            t("fmt_unknown", lang).format(file=output),
            t("fmt_unknown_hint", lang).format(
                formats=_one_of(names, lang), files=_files(output, names, lang)
            ),
        )
    if inferred not in names:
        raise not_written(output, inferred, names, lang)
    return inferred


def check_output_name(output: Path | None, writes: str, lang: str) -> None:
    """Refuse an --output file name that says another format than ``writes``, the one format
    of a command without --format (``new -o x.json``); a name that says none is accepted."""
    if output is None:
        return
    inferred = format_of(output, [writes])
    if inferred is not None and inferred != writes:
        raise not_written(output, inferred, [writes], lang)


def format_of(output: Path, names: list[str]) -> str | None:
    """The format the name of ``output`` says to a command writing the formats ``names``."""
    inferred = FORMAT_OF_SUFFIX.get(output.suffix.lower())
    if inferred in ONLY_WHERE_WRITTEN and inferred not in names:
        return None
    return inferred


def not_written(output: Path, inferred: str, names: list[str], lang: str) -> UserError:
    """The error for a file name saying a format (``inferred``) the command does not write."""
    return UserError(
        t("fmt_not_offered", lang).format(
            inferred=inferred, file=output, suffix=output.suffix.lower()
        ),
        t("fmt_not_offered_hint", lang).format(
            formats=_one_of(names, lang), files=_files(output, names, lang)
        ),
    )


def _renamed(output: Path, fmt: str) -> str:
    try:
        return str(output.with_suffix(SUFFIX_OF_FORMAT[fmt]))
    except ValueError:  # a name with no stem, such as "."
        return f"FILE{SUFFIX_OF_FORMAT[fmt]}"


def _files(output: Path, names: list[str], lang: str) -> str:
    return _one_of([_renamed(output, n) for n in names], lang)


def _one_of(items: list[str], lang: str) -> str:
    """In English "a, b or c"; in Chinese "a、b 或 c"."""
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + " 或 " + items[-1]
    return ", ".join(items[:-1]) + " or " + items[-1]


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
PeersOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--peers",
        help="The places to compare with (repeatable): profile ids, paths (files or folders), "
        "@bundled, or none. Default: every other place in use; when there is none, the places "
        "bundled with policebench.",
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


def style_for(output: Path | None, lang: str, template_dir: Path | None = None) -> Style:
    """How a command lays out its text: colour and the terminal's width on a terminal; no
    colour and 200 columns in a file."""
    return Style(
        lang,
        color=output is None and use_color(),
        width=None if output is None else 200,
        template_dir=template_dir,
    )


def use_color(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


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
    from policebench.cli.output import write_atomic

    write_atomic(output, text, protected=protected)
    sys.stderr.write(f"wrote {output}\n")


def finish(text: str, output: Path | None, ws: Any, failed: bool) -> None:
    """Write a command's result, then exit 2 if some input was bad (and left out)."""
    emit(text, output, ws.inputs())
    if failed:
        raise typer.Exit(exitcodes.BAD_INPUT)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into a clean message and exit code 2 (never a traceback); Ctrl-C
    and a closed stdout into their exit codes (:mod:`policebench.exitcodes`)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InvalidInput as exc:
            print_problems(exc.problems)
            raise typer.Exit(exitcodes.BAD_INPUT) from None
        except UserError as exc:
            hint = f" (hint: {exc.hint})" if exc.hint else ""
            sys.stderr.write(f"error: {exc.message}{hint}\n")
            raise typer.Exit(exitcodes.BAD_INPUT) from None
        # Caught here, inside typer, which would otherwise end a Ctrl-C with 130 and no word
        # and a broken pipe with 1; run_app does the same for what escapes outside a command.
        except KeyboardInterrupt:
            raise typer.Exit(_interrupted()) from None
        except BrokenPipeError:
            raise typer.Exit(_broken_pipe()) from None

    return wrapper


def _interrupted() -> int:
    sys.stderr.write("interrupted\n")
    return exitcodes.INTERRUPTED


def _broken_pipe() -> int:
    exitcodes.silence_stdout()
    return exitcodes.BROKEN_PIPE


def run_app(app: typer.Typer) -> None:
    """Run the app; anything that escapes as an exception is a bug, reported as one."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(_interrupted())
    except BrokenPipeError:
        sys.exit(_broken_pipe())
    except Exception:
        sys.stderr.write(
            "policebench: internal error (a bug in policebench, not in your input)"
            "; please report it with the lines below\n"
        )
        traceback.print_exc()
        sys.exit(exitcodes.INTERNAL)


def load_or_exit(
    cities: list[str],
    rubric: Path | None,
    *,
    strict: bool = False,
    minimum: int = 1,
    extra: list[str] | None = None,
    peers: list[str] | None = None,
) -> tuple[Any, bool]:
    """Open the workspace; print the problems of inputs that were left out.

    Returns the workspace and whether any input was bad (the command then exits 2 after its
    output). Exits 2 at once when ``strict`` and any input was bad, or when fewer than
    ``minimum`` places remain.
    """
    from policebench.workspace import open_workspace
    from policebench.workspace.reading import gc_paused

    with gc_paused(freeze=True):  # the workspace lives until the command ends
        ws = open_workspace(
            cities, rubric, progress=_progress_callback(), extra=extra or (), peers=peers
        )
    errors = ws.errors
    # Rubric files beside the one used that could not be read, and values read as meant
    # though typed another way (`level: ２`): shown, never a failure.
    listed = [p for p in ws.problems if p.severity == "error" or p.code in READ_AS]
    shown = [*ws.rubric_source.warnings, *listed]
    if shown:
        print_problems(shown)
    if errors and strict:
        sys.stderr.write("nothing written: --strict and some inputs are bad\n")
        raise typer.Exit(exitcodes.BAD_INPUT)
    if len(ws.selected) < minimum:
        if not errors:
            sys.stderr.write(
                "error: no profiles found (hint: add YAML profiles to ./cities or "
                "name them on the command line)\n"
            )
        raise typer.Exit(exitcodes.BAD_INPUT)
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
