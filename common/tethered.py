"""Run a command that dies with the process that started it, however that process ends.

    python -m common.tethered FD COMMAND [ARG ...]

FD is the read end of a pipe whose write end only the starting process holds.
The kernel closes that end when the starter exits, even on SIGKILL, so EOF on
FD means "stop": COMMAND gets SIGTERM, then SIGKILL after a grace period. A
pipe, not the parent-death signal alone: PR_SET_PDEATHSIG fires when the
*thread* that started the child ends, and starters do that from worker threads
(`asyncio.to_thread`). COMMAND itself gets PR_SET_PDEATHSIG towards this
wrapper (single-threaded, so that is safe), in case the wrapper is killed.

SIGTERM or SIGINT to the wrapper stops COMMAND the same way. The wrapper exits
with COMMAND's status (128 + signal number when a signal ended it).

The starting side is `start_tethered`: the child runs in a session of its own,
so signals sent to the starter's process group (Ctrl-C in a terminal, systemd
and `docker stop` signalling the whole group) do not reach it; the starter
stops it when it is done with it, last.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from types import FrameType
from typing import IO

GRACE_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # Linux only; elsewhere the wrapper's own stop on EOF is what remains.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return


class _Stopper:
    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        self._child = child
        self._once = threading.Lock()
        self._stopping = False

    def stop(self) -> None:
        with self._once:
            if self._stopping:
                return
            self._stopping = True
        threading.Thread(target=self._terminate, daemon=True).start()

    def _terminate(self) -> None:
        self._child.terminate()
        try:
            self._child.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self._child.kill()


def _watch(fd: int, stopper: _Stopper) -> None:
    while True:
        try:
            if not os.read(fd, 1):
                break
        except OSError:
            break
    stopper.stop()


def run(fd: int, command: Sequence[str]) -> int:
    child = subprocess.Popen(command, preexec_fn=_die_with_parent)  # noqa: S603
    stopper = _Stopper(child)

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stopper.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    threading.Thread(target=_watch, args=(fd, stopper), daemon=True).start()
    code = child.wait()
    return 128 - code if code < 0 else code


@dataclass
class Tethered:
    """A running tethered child; `stop()` it, or it stops when this process ends."""

    process: subprocess.Popen[bytes]
    _lifeline: int | None

    def stop(self, *, timeout: float = GRACE_SECONDS + 5) -> None:
        # EOF on the lifeline, not a signal: a wrapper still starting up would die
        # of SIGTERM before its handler is in place, while EOF waits to be read.
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()  # its command gets SIGTERM from the parent-death signal
            self.process.wait()


def start_tethered(command: Sequence[str], *, stdout: int | IO[bytes] | None = None) -> Tethered:
    """Start `command` so that it ends when this process ends, even on SIGKILL.

    db = start_tethered(["secantusd-py", "--port", "27017"])
    ...
    db.stop()
    """
    read_end, write_end = os.pipe()  # both non-inheritable; read_end is passed explicitly
    try:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "common.tethered", str(read_end), *command],
            pass_fds=(read_end,),
            stdout=stdout,
            start_new_session=True,
        )
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    return Tethered(process, write_end)


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2 or not argv[0].isdigit():
        print("usage: python -m common.tethered FD COMMAND [ARG ...]", file=sys.stderr)
        return 2
    return run(int(argv[0]), argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
