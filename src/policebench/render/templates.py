"""The jinja2 environment for Markdown and HTML reports.

Templates are looked up first in the planner's ``--template-dir`` (any file there overrides
the bundled one of the same name), then in the bundled ``templates/`` folder. A template given
by a colleague is treated as untrusted, and fully bounded:

- it runs in jinja2's immutable sandbox (it can format data, not reach Python internals);
- it is read from inside its folder only: a name or a symbolic link leading out of the folder
  (``{% include "../../etc/passwd" %}``, a link to it) is refused, and it must be UTF-8 text
  of at most :data:`MAX_TEMPLATE_BYTES`;
- its work is bounded: ``range()`` hands out at most :data:`MAX_RANGE_ITEMS` numbers in all
  (nested loops included), ``*`` and ``**`` and width arguments may not build a value above
  :data:`MAX_VALUE`, the output may not exceed :data:`MAX_OUTPUT_BYTES`, and the run may not
  take longer than :data:`MAX_SECONDS`; a template that extends or includes itself is caught;
- every mistake (syntax, a name not in the data, a division by zero, a chart helper called
  with wrong arguments) is a user error naming the template file and line, exit 2.

HTML templates autoescape every value; Markdown templates use the ``md`` filter for table
cells.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from policebench.errors import UserError
from policebench.i18n import t
from policebench.messages import Msg

#: A template file larger than this is no report template.
MAX_TEMPLATE_BYTES = 1_048_576
#: Numbers ``range()`` may hand out in one rendering, all loops together.
MAX_RANGE_ITEMS = 1_000_000
#: The largest string, list or number a template may build with ``*``, ``**`` or a width.
MAX_VALUE = 1_000_000
#: The largest report a template may write.
MAX_OUTPUT_BYTES = 64 * 1_048_576
#: The longest a template may take to render (wall clock).
MAX_SECONDS = 30.0


class TemplateLimit(Exception):
    """A bound of :mod:`policebench.render.templates` was reached (message: its label)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def _autoescape(name: str | None) -> bool:
    """Escape every value in HTML-like templates, named ``x.html`` or ``x.html.j2``.

    jinja2's ``select_autoescape`` looks at the last extension only, so it would leave
    ``report.html.j2`` unescaped: the ``.j2`` suffix is dropped before the check.
    """
    if name is None:
        return False
    stem = name.lower().removesuffix(".j2").removesuffix(".jinja")
    return stem.endswith((".html", ".htm", ".svg", ".xml"))


def _keeping_md(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` (a filter adding punctuation) returning :class:`MdSafe` text when what it
    was given was all Markdown-safe already."""
    from policebench.render.common import MdSafe

    @functools.wraps(func)
    def keeping(value: Any, *args: Any, **kwargs: Any) -> str:
        parts = list(value) if not isinstance(value, str) else [value]
        text = func(parts if not isinstance(value, str) else value, *args, **kwargs)
        return MdSafe(text) if parts and all(isinstance(p, MdSafe) for p in parts) else text

    return keeping


def _is_markdown(name: str | None) -> bool:
    """A Markdown template: ``x.md``, ``x.md.j2``, ``x.markdown.j2``."""
    if name is None:
        return False
    stem = name.lower().removesuffix(".j2").removesuffix(".jinja")
    return stem.endswith((".md", ".markdown"))


def _decode(raw: bytes, shown: str, lang: str) -> str:
    """UTF-8 text (a byte-order mark dropped), or a user error at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        try:
            raw.decode("gbk")
            key = "tpl_gbk"
        except UnicodeDecodeError:
            key = "tpl_not_utf8"
        raise UserError(
            t(key, lang).format(file=shown, line=line, column=column),
            t("tpl_encoding_hint", lang),
        ) from None


def _loader(searchpath: list[Path], lang: str, loaded: set[str]) -> Any:
    """A loader reading templates from inside ``searchpath``'s folders only; the files it
    read are added to ``loaded``."""
    import jinja2
    from jinja2.loaders import split_template_path

    class ConfinedLoader(jinja2.BaseLoader):
        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)  # refuses ".." (TemplateNotFound)
            for root in searchpath:
                candidate = root.joinpath(*pieces)
                if not (candidate.exists() or candidate.is_symlink()):
                    continue
                shown = str(candidate)
                real = Path(os.path.realpath(candidate))
                if not real.is_relative_to(Path(os.path.realpath(root))):
                    raise UserError(
                        t("tpl_outside", lang).format(file=shown, name=template),
                        t("tpl_outside_hint", lang),
                    )
                if not real.is_file():
                    raise UserError(
                        t("tpl_not_file", lang).format(file=shown), t("tpl_outside_hint", lang)
                    )
                size = real.stat().st_size
                if size > MAX_TEMPLATE_BYTES:
                    raise UserError(
                        t("tpl_too_big", lang).format(
                            file=shown, size=size, limit=MAX_TEMPLATE_BYTES
                        ),
                        t("tpl_too_big_hint", lang),
                    )
                text = _decode(real.read_bytes(), shown, lang)
                loaded.add(shown)
                return text, shown, lambda: False  # read once per run: never reloaded
            raise jinja2.TemplateNotFound(template)

    return ConfinedLoader()


def _bounded_range(budget: list[int]) -> Callable[..., Iterator[int]]:
    """``range`` for templates: every number handed out counts against one budget."""

    def bounded(*args: int) -> Iterator[int]:
        numbers = range(*args)
        if len(numbers) > budget[0]:
            raise TemplateLimit("tpl_range", limit=MAX_RANGE_ITEMS)
        budget[0] -= len(numbers)
        return iter(numbers)

    return bounded


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 1


#: A width or precision of 7 digits or more in a format (``"%999999999d"``, ``"{:9999999}"``).
_WIDE_FORMAT = re.compile(r"%[-+ #0*]*\d{7,}|%[-+ #0]*\d*\.\d{7,}|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


def _guard_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a width or count above :data:`MAX_VALUE` (``"x".ljust(10**9)``), and a text or
    list longer than that handed on (a macro doubling its argument on each call)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise TemplateLimit("tpl_value", limit=MAX_VALUE)
        if isinstance(value, str | list | tuple) and len(value) > MAX_VALUE:
            raise TemplateLimit("tpl_value", limit=MAX_VALUE)


def _guard_format(text: Any) -> None:
    """Refuse a format string whose width or precision would build a huge text."""
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimit("tpl_value", limit=MAX_VALUE)


def environment(
    template_dir: Path | None = None, lang: str = "en", loaded: set[str] | None = None
) -> Any:
    """A bounded, sandboxed jinja2 environment over ``template_dir`` (if any) and the
    bundled templates; the template files read are added to ``loaded``."""
    import operator

    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from policebench import i18n
    from policebench.paths import bundled
    from policebench.render import charts
    from policebench.render.common import (
        md_cell,
        md_em_note,
        md_finalize,
        md_link,
        num,
        pct,
        rank_cell,
        ranking_notes,
        safe_url,
        visible_value,
    )

    @pass_context
    def finalize(context: Any, value: Any) -> Any:
        """Every ``{{ value }}``: in Markdown templates escaped unless made safe (``md``,
        ``md_link``); elsewhere (HTML autoescapes) control characters made visible. A value
        the data does not have (``null``: a rank of a place with nothing known, in a template
        older than ``rank_cell``) reads "—", never Python's "None"."""
        if value is None:
            return "—"
        if _is_markdown(context.name):
            return md_finalize(value)
        return visible_value(value)

    searchpath = [bundled("templates")]
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UserError(
                Msg("template-folder-missing", path=str(template_dir)),
                Msg("template-folder-missing-hint"),
            )
        searchpath.insert(0, template_dir)

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
            if op == "%":
                _guard_format(left)
                return operator.mod(left, right)
            if op == "**":
                if isinstance(right, int | float) and abs(right) > 64 and abs(left) > 1:
                    raise TemplateLimit("tpl_value", limit=MAX_VALUE)
                return operator.pow(left, right)
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(count, int)
                    and not isinstance(seq, int | float)
                    and _size(seq) * abs(count) > MAX_VALUE
                ):
                    raise TemplateLimit("tpl_value", limit=MAX_VALUE)
            return operator.mul(left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _guard_args(args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            # "...".format is looked up here (and wrapped in the sandbox's formatter)
            if getattr(value, "__name__", "") in ("format", "format_map"):
                _guard_format(getattr(value, "__self__", None))
            return super().wrap_str_format(value)

    env = Bounded(
        loader=_loader(searchpath, lang, loaded if loaded is not None else set()),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=finalize,
    )
    for name, func in list(env.filters.items()):
        env.filters[name] = _guarded_filter(func, check_value=name == "format")
    # lipsum(n) writes n paragraphs; a namespace attribute may grow on every loop turn.
    env.globals.pop("lipsum", None)
    env.globals["namespace"] = _bounded_namespace()
    env.filters["md"] = md_cell
    env.filters["em_note"] = md_em_note
    env.filters["num"] = num
    env.filters["pct"] = pct
    # Chinese typography: "（…）", "a、b", "；", "：", "。" in Chinese; " (…)", ", ", "; ", ": ",
    # "." in English. Text already made safe for Markdown stays so through them (the
    # punctuation they add is plain): `(x|md)|paren(lang)` is not escaped twice.
    env.filters["label"] = _keeping_md(i18n.label)
    env.filters["paren"] = _keeping_md(i18n.paren)
    env.filters["join_list"] = _keeping_md(i18n.join_list)
    env.filters["age_limit"] = i18n.age_limit
    env.globals["sep"] = i18n.sentence_sep
    env.globals["list_sep"] = lambda lang="en": i18n.join_list(["", ""], lang)
    env.globals["colon"] = lambda lang="en": i18n.label("", lang)
    env.globals["period"] = i18n.period
    env.globals["space"] = i18n.between_sentences
    env.globals["span"] = i18n.span
    env.globals["count"] = i18n.count
    env.globals["trend_note"] = _trend_note
    env.filters["url"] = safe_url
    env.globals["md_link"] = md_link
    env.globals["t"] = i18n.t
    env.globals["rank_cell"] = rank_cell  # rank_cell(p.rank, ranks|reject('none')|list|length)
    env.globals["ranking_notes"] = ranking_notes
    env.globals["charts"] = charts.exported()
    env.globals["range"] = _bounded_range([MAX_RANGE_ITEMS])
    return env


def _guarded_filter(func: Any, *, check_value: bool = False) -> Any:
    """A built-in filter whose width or count arguments are bounded (``center(10**9)``);
    with ``check_value``, the value is a format string, bounded too (``format``)."""
    import functools

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _guard_args(args[1:], kwargs)  # the value filtered is the data, not a width
        if check_value and args:
            _guard_format(args[0])
        return func(*args, **kwargs)

    return guarded


def _bounded_namespace() -> Any:
    """jinja2's ``namespace`` whose attributes may not hold a text or list longer than
    :data:`MAX_VALUE` (``{% set ns.s = ns.s ~ ns.s %}`` in a loop doubles it each turn)."""
    from jinja2.utils import Namespace

    class Bounded(Namespace):
        def __setitem__(self, name: str, value: Any) -> None:
            if isinstance(value, str | list | tuple) and len(value) > MAX_VALUE:
                raise TemplateLimit("tpl_value", limit=MAX_VALUE)
            super().__setitem__(name, value)

    return Bounded


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`TemplateLimit` in the rendering thread once ``seconds`` have passed
    (a POSIX interval timer; elsewhere, and off the main thread, the chunks are timed)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit("tpl_time", seconds=seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(exc: BaseException, fallback: str, loaded: set[str]) -> tuple[str, int | None]:
    """The template file and line an error was raised at, the innermost (jinja2 rewrites
    the traceback so that template frames carry the template's file and line)."""
    found: tuple[str, int | None] = (fallback, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in loaded:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render(
    name: str, data: Mapping[str, Any], template_dir: Path | None = None, lang: str | None = None
) -> str:
    """Render template ``name`` with ``data`` as ``r``; template mistakes become user errors."""
    import jinja2

    lang = lang or str(data.get("lang", "en"))
    loaded: set[str] = set()
    env = environment(template_dir, lang, loaded)
    try:
        with _deadline(MAX_SECONDS):
            template = env.get_template(name)
            name = template.filename or name  # the file, in the messages below
            return _collect(template.generate(r=data, lang=data.get("lang", "en")))
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            Msg("template-not-found", name=str(exc.name)),
            Msg("template-not-found-hint"),
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            Msg(
                "template-syntax",
                where=f"{exc.filename or exc.name}:{exc.lineno}",
                detail=str(exc.message),
            )
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(
            Msg("template-unsafe", name=name, detail=str(exc)),
            Msg("template-unsafe-hint"),
        ) from None
    except jinja2.UndefinedError as exc:
        file, line = _where(exc, name, loaded)
        message = str(exc.message or "")
        hint = Msg("template-undefined-hint")
        if "'city'" in message:
            # The report's place was called ``city`` before one word was used for a place.
            hint = Msg("template-city-hint")
        where = f"{file}:{line}" if line is not None else file
        raise UserError(
            Msg("template-located", where=where, message=_undefined(Path(name).name, message)), hint
        ) from None
    except TemplateLimit as exc:
        file, line = _where(exc, name, loaded)
        raise UserError(
            _at(file, line) + t(exc.key, lang).format(**exc.values), t("tpl_limit_hint", lang)
        ) from None
    except RecursionError as exc:
        file, line = _where(exc, name, loaded)
        raise UserError(
            _at(file, line) + t("tpl_recursion", lang), t("tpl_recursion_hint", lang)
        ) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        file, line = _where(exc, name, loaded)
        key = "tpl_division" if isinstance(exc, ZeroDivisionError) else "tpl_runtime"
        raise UserError(
            _at(file, line) + t(key, lang).format(detail=exc), t("tpl_runtime_hint", lang)
        ) from None


def _at(file: str, line: int | None) -> str:
    return f"{file}:{line}: " if line is not None else f"{file}: "


def _collect(chunks: Iterator[str]) -> str:
    """The rendered text, refused once it passes :data:`MAX_OUTPUT_BYTES` or
    :data:`MAX_SECONDS` (for where no timer could be set)."""
    parts: list[str] = []
    total = 0
    start = time.monotonic()
    for chunk in chunks:
        total += len(chunk.encode("utf-8", "surrogatepass"))
        if total > MAX_OUTPUT_BYTES:
            raise TemplateLimit("tpl_output", limit=MAX_OUTPUT_BYTES // 1_048_576)
        if time.monotonic() - start > MAX_SECONDS:
            raise TemplateLimit("tpl_time", seconds=MAX_SECONDS)
        parts.append(chunk)
    return "".join(parts)


def _undefined(name: str, detail: str) -> Msg:
    """jinja's words for a name a template uses and the data lacks (``'dict object' has no
    attribute 'x'``, ``'x' is undefined``) said as the planner adapting a template sees it."""
    import re

    missing = re.search(r"has no attribute '([^']+)'", detail) or re.match(
        r"'([^']+)' is undefined", detail
    )
    if missing:
        return Msg("template-no-name", template=name, name=missing[1])
    return Msg("template-error", template=name, detail=detail)


def _trend_note(rows: Sequence[Mapping[str, Any]], i: int, lang: str = "en") -> str:
    """``trend_note(r.trend, loop.index0, lang)``: the like-for-like sentence of a trend row
    (empty when the same indicators were known at both dates)."""
    from policebench.render.trend import trend_note

    return trend_note(rows, i, lang)
