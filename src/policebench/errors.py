"""Errors a user can cause. The CLI turns each into a clean message and exit code 2
(:data:`policebench.exitcodes.BAD_INPUT`).

Anything that is not a UserError is a bug in policebench and is reported as one.
"""

from __future__ import annotations

from policebench.messages import Msg
from policebench.problems import Problem


class UserError(Exception):
    """Bad input from the user: a missing file, an unknown id, a wrong option."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UserErrors(UserError):
    """Several mistakes in what was typed (options, say), said together: a planner fixes
    them in one go, not one per run."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(errors[0].message, errors[0].hint)
        self.errors = errors


class InvalidInput(UserError):
    """One or more files failed validation; carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(Msg("problems-found" if count == 1 else "problems-found-many", n=count))
        self.problems = problems
