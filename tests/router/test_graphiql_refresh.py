"""The vendored GraphiQL files are exactly the pinned npm tarballs' (needs npm and the registry)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from router.graphiql_assets import refresh


def test_check_passes_on_the_committed_files_and_names_a_changed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "files"
    shutil.copytree(refresh.FILES, copy)
    (copy / "react.production.min.js").write_bytes(b"/* tampered */")
    monkeypatch.setattr(refresh, "FILES", copy)
    assert refresh.main(["--check"]) == 1
    # every other pinned file matched its tarball byte for byte
    assert capsys.readouterr().err.splitlines() == [
        "refresh: react.production.min.js differs from its pinned tarball"
    ]


def test_a_tarball_whose_bytes_changed_under_a_pinned_version_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pins = tmp_path / "packages.json"
    react = json.loads(refresh.PINS.read_text())["react"]
    pins.write_text(json.dumps({"react": {**react, "integrity": "sha512-" + "A" * 86 + "=="}}))
    monkeypatch.setattr(refresh, "PINS", pins)
    monkeypatch.setattr(refresh, "FILES", tmp_path)
    assert refresh.main([]) == 1
    assert "refusing changed bytes under a pinned version" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packages.json"]  # nothing written
