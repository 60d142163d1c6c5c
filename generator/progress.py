"""Build progress on the terminal: one updating line on a TTY, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Reporter:
    """Shows (phase, done, total) as build() reports it; quiet shows nothing."""

    def __init__(
        self, stream: TextIO | None = None, quiet: bool = False, tty: bool | None = None
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        self.phase = ""
        self.shown = 0.0
        self.dirty = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        """Report one step; on a terminal at most every 50 ms unless the phase changes."""
        if self.quiet:
            return
        new_phase = phase != self.phase
        self.phase = phase
        if not self.tty:
            if new_phase:
                count = f" ({total})" if total else ""
                self.stream.write(f"{phase}{count} …\n")
                self.stream.flush()
            return
        now = time.monotonic()
        if not new_phase and done != total and now - self.shown < 0.05:
            return
        self.shown = now
        count = f" {done}/{total}" if total else ""
        self.stream.write(f"\r\x1b[K{phase}{count} …")
        self.stream.flush()
        self.dirty = True

    def done(self) -> None:
        """Clear the updating line so the summary stands alone."""
        if self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.dirty = False
