"""Refresh constraints.txt: what `.[embedded,dev]` resolves to today, every package pinned.

Run from anywhere with Python 3.11 (`python3 scripts/lock.py`, or `task lock`). It builds a
throw-away venv, installs the project there without the old constraints (so the newest
versions the ranges in pyproject.toml allow), and writes `pip freeze` minus the project
itself. Installs then follow it with `pip install -c constraints.txt ...` (README, .ci/run,
Taskfile, docker/Dockerfile). Resolved on Linux x86-64 / CPython 3.11, like CI.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"
HEADER = """\
# Every package `.[embedded,dev]` installs, pinned (Linux, CPython 3.11).
# Installs use it: pip install -c constraints.txt -e '.[embedded,dev]'
# Refresh (newest versions pyproject.toml allows): python3 scripts/lock.py  (or `task lock`)
"""


def resolve() -> list[str]:
    """`pip freeze` of a fresh venv holding the project and its extras, the project left out."""
    with tempfile.TemporaryDirectory(prefix="lifegraph-lock-") as scratch:
        venv.create(scratch, with_pip=True)
        python = str(Path(scratch) / "bin" / "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
        # -e: the project is the one package not frozen (--exclude-editable drops it).
        subprocess.run([*pip, "install", "-e", f"{ROOT}[embedded,dev]"], check=True)  # noqa: S603
        frozen = subprocess.run(  # noqa: S603
            [*pip, "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
        ).stdout
    pins = [line for line in frozen.splitlines() if line and not line.startswith("#")]
    # A line that is not `name==version` (a URL, a path) would not reproduce elsewhere.
    odd = [line for line in pins if "==" not in line or " @ " in line]
    if odd:
        raise SystemExit(f"not pinned by version: {odd}")
    return sorted(pins, key=str.lower)


def main() -> None:
    pins = resolve()
    LOCK.write_text(HEADER + "".join(f"{pin}\n" for pin in pins))
    print(f"{LOCK.relative_to(ROOT)}: {len(pins)} packages", file=sys.stderr)


if __name__ == "__main__":
    main()
