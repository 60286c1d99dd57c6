"""SIGTERM and SIGHUP (a `timeout`, a container stop, a closed terminal) end a run as Ctrl-C does: an exception in
the main thread, so every cleanup runs (a temporary output file is removed), then one line and the conventional
exit status, 128 + the signal's number (SIGHUP 129, SIGINT 130, SIGTERM 143). Once the run's output is in place
(``committing``) a signal has nothing left to undo and is ignored, so a non-zero exit always means nothing was written.

Installed by ``main()`` with the standard library's ``signal`` module; nothing of Click or Typer is touched.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

# the signals that stop a run; Windows has no SIGHUP
STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_HELD = (*STOPPING, signal.SIGINT)


class Stopped(BaseException):
    """A stopping signal arrived. A BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum

    def __str__(self) -> str:
        return f"stopped by {signal.Signals(self.signum).name}"


def _stop(signum: int, frame: FrameType | None) -> None:
    for stopping in STOPPING:  # a second signal while cleaning up ends the process at once
        signal.signal(stopping, signal.SIG_DFL)
    raise Stopped(signum)


_installed = False  # stop_on_signals() ran: this process is the command line's, its signals ours to set


def stop_on_signals() -> None:
    global _installed
    _installed = True
    for stopping in STOPPING:
        signal.signal(stopping, _stop)


@contextlib.contextmanager
def committing() -> Iterator[None]:
    """Around the renames that put an output in place: signals held; if they all went through, a stopping signal or
    Ctrl-C is from then on ignored, to the end of the process, so a run is either stopped with nothing replaced or
    ends with 0. Ignored, not handled: at its exit Python puts the handlers it set back to the default, which would
    kill the process, non-zero, with the new file in place; an ignored signal stays ignored. Only in the command
    line's process (a library caller's signals are its own)."""
    held = hold()
    try:
        yield
        if _installed:
            for stopping in _HELD:
                signal.signal(stopping, signal.SIG_IGN)
    finally:
        release(held)


def hold() -> set[int | signal.Signals] | None:
    """Hold stopping signals (and Ctrl-C) back, e.g. between creating a temporary file and guarding it; ``release``
    lets them in, and a held one is then handled at once. None where the system cannot hold signals."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def release(held: set[int | signal.Signals] | None) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
