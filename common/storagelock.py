"""Is a WiredTiger storage directory free, and if not, who holds it?

WiredTiger takes a POSIX record lock on the first byte of `WiredTiger.lock`.
The kernel drops it when the holder dies, so the file left behind by a crashed
server is no obstacle: only a live process is. Probing the same lock tells a
stale file from a live holder without starting a server that would fail with
a traceback.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_FILE = "WiredTiger.lock"


class StorageInUse(RuntimeError):
    def __init__(self, storage: Path, holder: int | None) -> None:
        who = f"process {holder} ({_describe(holder)})" if holder else "another process"
        super().__init__(
            f"The database in {storage} is in use by {who}. Stop that process "
            f"(`kill {holder or '<pid>'}`) or use another --data-dir, then start again."
        )
        self.holder = holder


def holder_of(storage: Path) -> int | None:
    """The pid holding `storage`, or None when it is free (or has never been used)."""
    try:
        fd = os.open(storage / LOCK_FILE, os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
    except OSError:
        return _lock_owner(os.fstat(fd).st_ino) or -1
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
        return None
    finally:
        os.close(fd)


def wait_storage_free(storage: Path, *, within: float) -> None:
    """Return once nobody holds `storage`; `StorageInUse` after `within` seconds."""
    deadline = time.monotonic() + within
    while (holder := holder_of(storage)) is not None:
        if time.monotonic() >= deadline:
            raise StorageInUse(storage, holder if holder > 0 else None)
        time.sleep(0.1)  # another process's lock: there is nothing to wait on but time


def _lock_owner(inode: int) -> int | None:
    # /proc/locks: "1: POSIX  ADVISORY  WRITE 4157 fe:00:2147304 0 0" (pid, dev:inode).
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "POSIX" and fields[5].endswith(f":{inode}"):
            return int(fields[4])
    return None


def _describe(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "unknown command"
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)[:200]
