"""Progress on long runs: "checked 1 234 of 5 000 files" on a terminal's standard error.

Shown only where someone is watching: standard error is a terminal, the run is not
in CI, `--quiet` was not given, and the run has lasted a second. The line is
redrawn at most a few times a second and cleared at the end, so it never mixes
with the findings, which go to standard output.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: Seconds before the line first appears (short runs never show it), and between redraws.
_DELAY, _EVERY = 1.0, 0.2


class Progress:
    """Counts files as they are finished and shows the count when it is worth showing."""

    def __init__(self, verb: str, total: int, *, quiet: bool = False,
                 stream: TextIO | None = None, delay: float = _DELAY) -> None:
        self.verb, self.total, self.done = verb, total, 0
        self.stream = stream or sys.stderr
        self.enabled = not quiet and total > 1 and _watched(self.stream)
        self._next = time.monotonic() + delay
        self._shown = False

    def __call__(self) -> None:
        self.done += 1
        if self.enabled and time.monotonic() >= self._next:
            self._next = time.monotonic() + _EVERY
            self.stream.write(f"\r{self.verb} {self.done:,} of {self.total:,} files"
                              .replace(",", " "))
            self.stream.flush()
            self._shown = True

    def close(self) -> None:
        """Clear the line, so what follows starts at the left margin."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _watched(stream: TextIO) -> bool:
    """A person is watching: a terminal, and not a CI job (which sets CI)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")
