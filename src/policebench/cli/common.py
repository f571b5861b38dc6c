"""What every command shares: error handling, output, options."""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from policebench import exitcodes
from policebench.errors import InvalidInput, UserError, UserErrors
from policebench.i18n import LANG_VARIABLE, default_lang, lang_variable, t
from policebench.messages import Msg, os_reason, text
from policebench.problems import READ_AS, Problem
from policebench.render import registry
from policebench.render.common import visible
from policebench.render.registry import SheetFormat, Style, TableFormat

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
#: The table formats and a workbook (score, gaps, recommend, evidence, trend, sensitivity).
SheetFormatOpt = Annotated[SheetFormat | None, format_option("table")]

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
    ".xlsx": "xlsx",
    ".docx": "docx",
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
    "xlsx": ".xlsx",
    "docx": ".docx",
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
            raise UserError(Msg("output-is-folder", path=str(output)), Msg("output-is-folder-hint"))
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


def output_path(raw: str) -> Path:
    """The --output path; a name ending in ``/`` that is no folder is refused at once (``Path``
    would drop the slash and write a file of the folder's name)."""
    from policebench.cli.output import ends_in_separator

    path = Path(raw)
    if ends_in_separator(raw) and not path.is_dir():
        from policebench.cli.usage import lang_in

        # Options are still being parsed: --lang is read from the command line itself.
        lang = _LANG.get() or lang_in(sys.argv[1:])
        hint = text(Msg("problem-hint", hint=t("out_trailing_sep_hint", lang)), lang)
        raise typer.BadParameter(t("out_trailing_sep", lang).format(path=raw) + hint)
    return path


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
        parser=output_path,
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of labels and texts: en or zh (default: POLICEBENCH_LANG, else from the "
        "locale, else en).",
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
        "policebench. None given: every profile in use.",
        show_default=False,
    ),
]


def lang_of(option: Lang | None) -> str:
    return option.value if option is not None else default_lang()


def style_for(output: Path | None, lang: str, template_dir: Path | None = None) -> Style:
    """How a command lays out its text: colour and the terminal's width on a terminal; no
    colour and a text file's width (``render.terminal.FILE_WIDTH``) in a file."""
    from policebench.render.terminal import FILE_WIDTH

    return Style(
        lang,
        color=output is None and use_color(),
        width=None if output is None else FILE_WIDTH,
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


#: The language of the command running (its --lang, else the locale): set by
#: :func:`handle_errors`, read by what prints messages without being handed a language.
_LANG: ContextVar[str | None] = ContextVar("policebench_lang", default=None)


def current_lang() -> str:
    """The language messages are printed in: the running command's --lang, else the locale."""
    return _LANG.get() or default_lang()


def say(message: str) -> None:
    """A message on stderr, in the command's language (control characters made visible)."""
    sys.stderr.write(visible(text(message, current_lang())) + "\n")


def print_problems(problems: Iterable[Problem], lang: str | None = None) -> None:
    """Problems on stderr, one per line as FILE:LINE:COL: message (hint: ...) [code], in
    ``lang`` (default: :func:`current_lang`), then how many errors and warnings in how many
    files."""
    lang = lang or current_lang()
    problems = list(problems)
    for problem in problems:
        sys.stderr.write(visible(problem.render(lang)) + "\n")  # a file's ESC never shows
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors or warnings:
        parts: list[Msg] = []
        if errors:
            parts.append(Msg("count-errors" if errors == 1 else "count-errors-many", n=errors))
        if warnings:
            parts.append(
                Msg("count-warnings" if warnings == 1 else "count-warnings-many", n=warnings)
            )
        counts = parts[0] if len(parts) == 1 else Msg("count-and", first=parts[0], second=parts[1])
        files = len({p.file for p in problems})
        line = Msg(
            "count-in-files" if files == 1 else "count-in-files-many", counts=counts, n=files
        )
        sys.stderr.write(text(line, lang) + "\n")


def emit(
    content: str | bytes,
    output: Path | None,
    protected: Iterable[Path] = (),
    raw: str | None = None,
) -> None:
    """``content`` to ``output`` (atomically) or to stdout. ``protected`` files and folders
    are never written over or into (see :mod:`policebench.cli.output`); bytes (an Office
    file) never to a terminal."""
    if output is None:
        if isinstance(content, bytes):
            if sys.stdout.isatty():
                raise UserError(Msg("office-tty"), Msg("office-tty-hint"))
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from policebench.cli.output import write_atomic

    write_atomic(output, content, protected=protected, lang=current_lang(), raw=raw)
    say(Msg("wrote", path=str(output)))


def finish(
    text: str | bytes, output: Path | None, ws: Any, failed: bool, template_dir: Path | None = None
) -> None:
    """Write a command's result, then exit 2 if some input was bad (and left out). Neither
    an input nor anything in the template folder in use is written over."""
    protected = list(ws.inputs())
    if template_dir is not None:
        protected.append(template_dir)
    emit(text, output, protected)
    if failed:
        raise typer.Exit(exitcodes.BAD_INPUT)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into a clean message and exit code 2 (never a traceback); Ctrl-C
    and a closed stdout into their exit codes (:mod:`policebench.exitcodes`)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        option = kwargs.get("lang")
        token = _LANG.set(option.value if isinstance(option, Lang) else default_lang())
        try:
            return func(*args, **kwargs)
        except InvalidInput as exc:
            print_problems(exc.problems)
            raise typer.Exit(exitcodes.BAD_INPUT) from None
        except UserError as exc:
            print_user_error(exc)
            raise typer.Exit(exitcodes.BAD_INPUT) from None
        # Caught here, inside typer, which would otherwise end a Ctrl-C with 130 and no word
        # and a broken pipe with 1; run_app does the same for what escapes outside a command.
        except KeyboardInterrupt:
            raise typer.Exit(_interrupted()) from None
        except BrokenPipeError:
            raise typer.Exit(_broken_pipe()) from None
        except OSError as exc:
            if not _io_fault(exc):
                raise
            raise typer.Exit(exitcodes.BAD_INPUT) from None
        finally:
            _LANG.reset(token)

    return wrapper


#: Faults of the machine a planner meets (permissions, a full disk, a size limit, a missing
#: or odd path), each said with its path: the label of its message and hint.
IO_FAULTS: dict[int, str] = {
    **{
        getattr(errno, name): "io_other"
        for name in (
            "EDQUOT",
            "ENOENT",
            "ENOTDIR",
            "EISDIR",
            "ELOOP",
            "ENAMETOOLONG",
            "EIO",
            "EBUSY",
            "ETXTBSY",
            "EMFILE",
            "ENFILE",
            "ENXIO",
        )
        if hasattr(errno, name)
    },
    errno.EACCES: "io_permission",
    errno.EPERM: "io_permission",
    errno.ENOSPC: "io_disk_full",
    errno.EFBIG: "io_too_large",
    errno.EROFS: "io_read_only_fs",
}
if hasattr(errno, "EDQUOT"):
    IO_FAULTS[errno.EDQUOT] = "io_disk_full"


def io_message(exc: OSError, lang: str) -> tuple[str, str] | None:
    """The message and hint of an I/O fault a planner meets, naming its path; None for one
    that is not theirs to fix (a bug)."""
    key = IO_FAULTS.get(exc.errno or -1)
    if key is None:
        return None
    path = str(exc.filename) if exc.filename is not None else t("io_stdout", lang)
    reason = text(os_reason(exc), lang)  # the system's reason in the planner's words
    message = t(key, lang).format(path=path, reason=reason)
    return message, t(f"{key}_hint", lang)


def _io_fault(exc: OSError) -> bool:
    """Say ``exc`` as an I/O fault on stderr; False when it is no fault of the machine."""
    said = io_message(exc, current_lang())
    if said is None:
        return False
    message, hint = said
    print_user_error(UserError(message, hint))
    return True


def print_user_error(exc: UserError) -> None:
    """``error: message (hint: ...)`` on stderr, in the command's language; one such line
    per mistake of a :class:`UserErrors`."""
    lang = current_lang()
    for each in exc.errors if isinstance(exc, UserErrors) else [exc]:
        line = text(Msg("error-line", message=each.message), lang)
        if each.hint:
            line += text(Msg("problem-hint", hint=each.hint), lang)
        sys.stderr.write(visible(line) + "\n")  # a path's ESC never reaches the terminal


def _interrupted() -> int:
    say(Msg("interrupted"))
    return exitcodes.INTERRUPTED


def _broken_pipe() -> int:
    exitcodes.silence_stdout()
    return exitcodes.BROKEN_PIPE


def run_app(app: typer.Typer) -> None:
    """Run the app; anything that escapes as an exception is a bug, reported as one, but for
    the I/O faults of the machine (:func:`io_message`), said with their path, exit 2."""
    from policebench.cli import usage
    from policebench.paths import forget_real_paths

    forget_real_paths()
    usage.install(usage.lang_in(sys.argv[1:]))
    chosen = os.environ.get(LANG_VARIABLE, "")
    if chosen.strip() and lang_variable() is None:
        say(Msg("lang-variable", name=LANG_VARIABLE, value=chosen))
    if hasattr(signal, "SIGXFSZ"):
        # A file-size limit (ulimit -f) then fails the write with EFBIG, said as a message,
        # instead of killing the process with a core dump and a half-written file.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(_interrupted())
    except BrokenPipeError:
        sys.exit(_broken_pipe())
    except OSError as exc:
        if _io_fault(exc):
            sys.exit(exitcodes.BAD_INPUT)
        _internal()
    except Exception:
        _internal()


def _internal() -> None:
    say(Msg("internal-error"))
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
    profiles: bool = True,
) -> tuple[Any, bool]:
    """Open the workspace; print the problems of inputs that were left out.

    ``profiles``: make every profile a model now, with the garbage collector paused (as
    they are read), for a command that works on profiles. ``score`` and ``sensitivity``
    work on scorecards (``Workspace.scorecards``) and pass False: a profile the cache
    holds is then validated only if something asks for it, and one read afresh is checked
    and scored as it comes, its model not kept (``open_workspace(keep_models=False)``).

    Returns the workspace and whether any input was bad (the command then exits 2 after its
    output). Exits 2 at once when ``strict`` and any input was bad, or when fewer than
    ``minimum`` places remain.
    """
    from policebench.workspace import open_workspace
    from policebench.workspace.reading import gc_paused

    with gc_paused(freeze=True):  # the workspace lives until the command ends
        ws = open_workspace(
            cities,
            rubric,
            progress=_progress_callback(),
            extra=extra or (),
            peers=peers,
            keep_models=profiles,
        )
        if profiles:
            ws.load_profiles()
    errors = ws.errors
    # Rubric files beside the one used that could not be read, and values read as meant
    # though typed another way (`level: ２`): shown, never a failure.
    listed = [p for p in ws.problems if p.severity == "error" or p.code in READ_AS]
    shown = [*ws.rubric_source.warnings, *listed]
    if shown:
        print_problems(shown)
    if errors and strict:
        say(Msg("strict-nothing-written"))
        raise typer.Exit(exitcodes.BAD_INPUT)
    if errors and len(ws.selected) >= minimum:  # the results that follow lack them: say so
        files = len({p.file for p in errors})
        say(Msg("left-out") if files == 1 else Msg("left-out-many", n=files))
    if len(ws.selected) < minimum:
        if not errors:
            hint = "no-profiles-named-hint" if cities else "no-profiles-hint"
            print_user_error(UserError(Msg("no-profiles"), Msg(hint)))
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
            state["task"] = bar.add_task(text(Msg("reading-profiles"), current_lang()), total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update
