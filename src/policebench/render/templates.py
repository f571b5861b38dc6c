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
                f"{template_dir}: no such template folder",
                "give the folder holding your *.j2 templates",
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
            f"template {exc.name} not found",
            "the bundled templates are report.md.j2, report.html.j2, "
            "compare.md.j2 and compare.html.j2",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(
            f"template {name} tried something unsafe: {exc}",
            "templates may format the report data, nothing else",
        ) from None
    except jinja2.UndefinedError as exc:
        message = exc.message or ""
        hint = "check the names used against the JSON report (policebench schema report)"
        if "'city'" in message:
            # The report's place was called ``city`` before one word was used for a place.
            hint = "the report's place is r.place (older templates called it r.city)"
        raise UserError(f"template {name}: {message}", hint) from None
