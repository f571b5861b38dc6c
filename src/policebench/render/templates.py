"""The jinja2 environment for Markdown and HTML reports.

Templates are looked up first in the planner's ``--template-dir`` (any file there overrides
the bundled one of the same name), then in the bundled ``templates/`` folder. They run in
jinja2's sandbox: a template can format data but cannot reach Python internals. HTML
templates autoescape every value; Markdown templates use the ``md`` filter for table cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policebench.errors import UserError
from policebench.messages import Msg


def _autoescape(name: str | None) -> bool:
    """Escape every value in HTML-like templates, named ``x.html`` or ``x.html.j2``.

    jinja2's ``select_autoescape`` looks at the last extension only, so it would leave
    ``report.html.j2`` unescaped: the ``.j2`` suffix is dropped before the check.
    """
    if name is None:
        return False
    stem = name.lower().removesuffix(".j2").removesuffix(".jinja")
    return stem.endswith((".html", ".htm", ".svg", ".xml"))


def environment(template_dir: Path | None = None) -> Any:
    """A sandboxed jinja2 environment over ``template_dir`` (if any) and the bundled templates."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from policebench import i18n
    from policebench.paths import bundled
    from policebench.render import charts
    from policebench.render.common import md_cell, num, pct

    searchpath = [str(bundled("templates"))]
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UserError(
                Msg("template-folder-missing", path=str(template_dir)),
                Msg("template-folder-missing-hint"),
            )
        searchpath.insert(0, str(template_dir))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(searchpath, encoding="utf-8"),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    env.filters["num"] = num
    env.filters["pct"] = pct
    env.filters["label"] = i18n.label
    env.globals["t"] = i18n.t
    env.globals["charts"] = charts.exported()
    return env


def render(name: str, data: Mapping[str, Any], template_dir: Path | None = None) -> str:
    """Render template ``name`` with ``data`` as ``r``; template mistakes become user errors."""
    import jinja2

    env = environment(template_dir)
    try:
        template = env.get_template(name)
        return str(template.render(r=data, lang=data.get("lang", "en")))
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
        message = str(exc.message or "")
        hint = Msg("template-undefined-hint")
        if "'city'" in message:
            # The report's place was called ``city`` before one word was used for a place.
            hint = Msg("template-city-hint")
        raise UserError(_undefined(name, message), hint) from None


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
