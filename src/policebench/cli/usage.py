"""Usage errors (an unknown option, a missing argument, a bad value) in the planner's language.

typer and click word these themselves, in English, and print them in a panel. In Chinese
(``--lang zh`` on the command line, else a Chinese locale) each known kind of click message
is worded from the catalogue instead; the English output is typer's own, unchanged. A click
message of a kind not listed keeps click's words after a Chinese "错误：".
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from policebench.i18n import default_lang
from policebench.messages import Msg, text

#: click's message -> the catalogue message: a pattern on click's text, the id, and the
#: names of its groups (each a placeholder of the id).
_KNOWN: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)$"),
        "usage-no-option-near",
    ),
    (
        re.compile(r"No such option: (?P<option>\S+) Did you mean (?P<options>.+)\?$"),
        "usage-no-option-near",
    ),
    (re.compile(r"No such option: (?P<option>\S+)$"), "usage-no-option"),
    (
        re.compile(r"No such command '(?P<command>[^']+)'\. Did you mean (?P<near>.+)\?$"),
        "usage-no-command-near",
    ),
    (re.compile(r"No such command '(?P<command>[^']+)'\.$"), "usage-no-command"),
    (re.compile(r"Missing command\.?$"), "usage-missing-command"),
    (
        re.compile(r"Missing argument '(?P<name>[^']+)'\. Choose from:\s*(?P<choices>.+)$", re.S),
        "usage-missing-choice",
    ),
    (re.compile(r"Missing argument '(?P<name>[^']+)'\.?$"), "usage-missing-argument"),
    (re.compile(r"Missing option '(?P<name>[^']+)'\.?$"), "usage-missing-option"),
    (re.compile(r"Option '(?P<option>[^']+)' requires an argument\.$"), "usage-needs-value"),
    (re.compile(r"Option '(?P<option>[^']+)' does not take a value\.$"), "usage-takes-no-value"),
    (re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)$"), "usage-extra-arguments"),
    (
        re.compile(
            r"Invalid value for (?P<param>.+?): '?(?P<value>[^']*)'? is not one of "
            r"(?P<choices>.+)\.$"
        ),
        "usage-not-a-choice",
    ),
    (
        re.compile(
            r"Invalid value for (?P<param>.+?): .*'(?P<value>[^']*)' is not one of "
            r"(?P<choices>.+)\.$"
        ),
        "usage-not-a-choice",
    ),
    (
        re.compile(
            r"Invalid value for (?P<param>.+?): '?(?P<value>[^']*?)'? is not a valid "
            r"integer\.?$"
        ),
        "usage-not-an-integer",
    ),
    (
        re.compile(r"Invalid value for (?P<param>.+?): Input should be a valid integer.*$"),
        "usage-whole-number",
    ),
    (
        re.compile(r"Invalid value for (?P<param>.+?): Input should be a valid number.*$"),
        "usage-number",
    ),
    (
        re.compile(
            r"Invalid value for (?P<param>.+?): Input should be greater than or equal to "
            r"(?P<bound>\S+?)\.?$"
        ),
        "usage-at-least",
    ),
    (
        re.compile(
            r"Invalid value for (?P<param>.+?): Input should be less than or equal to "
            r"(?P<bound>\S+?)\.?$"
        ),
        "usage-at-most",
    ),
    (re.compile(r"Invalid value for (?P<param>.+?): (?P<detail>.+)$"), "usage-invalid-value"),
]


_USAGE = re.compile(r"^(?:Usage:|用法：)\s*")


def worded(message: str) -> str:
    """click's ``message`` as a catalogue message where it is of a known kind."""
    for pattern, key in _KNOWN:
        found = pattern.match(message)
        if found:
            parts: dict[str, object] = dict(found.groupdict())
            if key == "usage-not-a-choice":  # a list in the language's own way: 'a'、'b'
                parts["choices"] = tuple(
                    f"'{c}'" for c in re.findall(r"'([^']*)'", found["choices"])
                )
            if key == "usage-missing-choice":  # one per line, with a comma: rubric,\n\tprofile
                parts["choices"] = tuple(
                    f"'{c}'" for c in re.split(r"[\s,]+", found["choices"].strip()) if c
                )
            return Msg(key, **parts)
    return message


def _placed(message: str, ctx: Any) -> str:
    """An option typed in the wrong place said so: ``policebench score --version`` and
    ``policebench validate --no-cache`` (both belong to the program), instead of "no such
    option"."""
    if not isinstance(message, Msg) or not message.id.startswith("usage-no-option"):
        return message
    at_root = ctx is None or ctx.parent is None
    option = message.args.get("option")
    if option == "--version" and not at_root:
        return Msg("usage-version-before-command")
    if option == "--no-cache" and not at_root:
        names: list[str] = []
        at = ctx
        while at.parent is not None:  # `weights ahp`, whatever the program is called
            names.insert(0, str(at.info_name))
            at = at.parent
        return Msg("usage-no-cache-before-command", command=" ".join(names))
    return message


def lang_in(argv: list[str]) -> str:
    """The language a command line asks for (``--lang zh``, ``--lang=zh``; the last when it
    says more than one, as the command's own --lang goes before the program's), else the
    locale's."""
    chosen = None
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else ""
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in ("en", "zh"):
            chosen = value
    return chosen or default_lang()


def install(lang: str) -> None:
    """In Chinese, print typer's usage errors from the catalogue (typer calls
    ``rich_utils.rich_format_error`` for each; English keeps typer's own)."""
    if lang != "zh":
        return
    from typer import rich_utils

    original: Callable[[Any], None] = rich_utils.rich_format_error

    def chinese(exc: Any) -> None:
        if exc.__class__.__name__ == "NoArgsIsHelpError":
            original(exc)
            return
        ctx = getattr(exc, "ctx", None)
        lines = []
        if ctx is not None:
            # The usage line is already Chinese when help_texts is installed ("用法：").
            usage = _USAGE.sub("", ctx.get_usage(), count=1)
            lines.append(text(Msg("usage-line", usage=usage), "zh"))
        lines.append(
            text(Msg("error-line", message=_placed(worded(exc.format_message()), ctx)), "zh")
        )
        if ctx is not None:
            lines.append(text(Msg("usage-help", command=ctx.command_path), "zh"))
        sys.stderr.write("\n".join(lines) + "\n")

    rich_utils.rich_format_error = chinese  # type: ignore[assignment]
