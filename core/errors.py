"""The errors whoknows reports to the user as one line, never as a traceback."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from pathlib import Path


class WhoknowsError(Exception):
    """A problem the user can fix: printed as one line, exit code 2."""


class BadInput(WhoknowsError):
    """A file that cannot be imported; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
