from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from common.storagelock import LOCK_FILE, StorageInUse, holder_of, wait_storage_free
from common.testing.waiting import poll_until
from common.tethered import start_tethered


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped) is not alive.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_a_tethered_child_outlives_the_thread_that_started_it() -> None:
    # Starters run in worker threads (asyncio.to_thread); a thread-bound tether would fire.
    started = []
    thread = threading.Thread(target=lambda: started.append(start_tethered(["sleep", "60"])))
    thread.start()
    thread.join()
    [child] = started
    try:
        assert child.process.poll() is None
    finally:
        child.stop()
    assert child.process.returncode == 128 + 15


def test_a_tethered_child_ends_when_its_starter_is_killed() -> None:
    # The grandchild prints its pid on the stdout it shares with the starter.
    grandchild = "import os, time; print(os.getpid(), flush=True); time.sleep(60)"
    script = (
        "import sys, time; from common.tethered import start_tethered\n"
        f"start_tethered([sys.executable, '-c', {grandchild!r}]); time.sleep(60)\n"
    )
    with subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script], stdout=subprocess.PIPE
    ) as starter:
        assert starter.stdout is not None
        pid = int(starter.stdout.readline())
        assert _alive(pid)
        starter.kill()  # SIGKILL: the starter runs no clean-up at all
    assert poll_until(lambda: not _alive(pid), within=10)


def test_a_storage_lock_left_by_a_dead_process_is_free(tmp_path: Path) -> None:
    assert holder_of(tmp_path) is None  # never used
    (tmp_path / LOCK_FILE).write_text("")
    assert holder_of(tmp_path) is None  # the file alone is not a lock
    wait_storage_free(tmp_path, within=0)


def test_a_live_holder_is_named(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).write_text("")
    script = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(tmp_path / LOCK_FILE)!r}, os.O_RDWR)\n"
        "fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0); print('locked', flush=True); time.sleep(60)\n"
    )
    with subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script], stdout=subprocess.PIPE
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"locked"
        try:
            assert holder_of(tmp_path) == holder.pid
            with pytest.raises(
                StorageInUse, match=f"in use by process {holder.pid} \\("
            ) as refused:
                wait_storage_free(tmp_path, within=0)
            assert f"`kill {holder.pid}`" in str(refused.value)
        finally:
            holder.kill()
    assert holder_of(tmp_path) is None
