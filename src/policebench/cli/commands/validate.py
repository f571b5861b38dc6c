"""`policebench validate`: check rubrics and profiles, reporting every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench import exitcodes
from policebench.cli.common import LangOpt, handle_errors, print_problems, say
from policebench.cli.root import app
from policebench.messages import Msg


@app.command()
@handle_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Rubric and profile files or folders (default: the rubrics and profiles in use).",
            show_default=False,
        ),
    ] = None,
    rubric: Annotated[
        Path | None,
        typer.Option(
            "--rubric",
            "-r",
            help="Rubric to check profiles against (default: the one in use).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hide warnings.")] = False,
    require_approved: Annotated[
        bool,
        typer.Option(
            "--require-approved",
            help="A profile whose review status is not approved (review: {status: "
            "approved, by: ..., date: ...}) is an error.",
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Check rubrics and profiles: syntax, keys, types, ranges and cross-file references.

    Every problem is printed on stderr as FILE:LINE:COL: message (hint: ...) [code], not only
    the first, in the language of --lang (else the locale); the code is the same in both.
    Exit code 0 when everything is valid (warnings allowed), 2 otherwise.

    Examples:

      policebench validate

      policebench validate cities/my-city.yaml

      policebench validate rubrics/ cities/

      policebench validate cities/ --require-approved   # all approved?
    """
    from policebench.workspace import validate_paths

    problems, checked = validate_paths(paths or [], rubric, require_approved=require_approved)
    shown = [p for p in problems if not (quiet and p.severity == "warning")]
    print_problems(shown)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise typer.Exit(exitcodes.BAD_INPUT)
    say(Msg("files-valid" if checked == 1 else "files-valid-many", n=checked))
