"""The one exception type the library raises for bad input or bad configuration.

An L10nError knows where the problem is (file and, when known, line) and what the
user can do about it. The CLI prints it as ``path:line: message`` followed by a
``hint:`` line and exits 1; library code never prints or exits.
"""

from __future__ import annotations


class L10nError(Exception):
    """A problem the user can fix: bad input, bad configuration, a missing file."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps path, line and hint when the error crosses from a worker process.
        return (_rebuild, (self.message, self.path, self.line, self.hint))

    @property
    def location(self) -> str:
        """``path:line`` (or just ``path``), empty when the error has no file."""
        if self.path is None:
            return ""
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message


def _rebuild(message: str, path: str | None, line: int | None, hint: str | None) -> L10nError:
    return L10nError(message, path=path, line=line, hint=hint)
