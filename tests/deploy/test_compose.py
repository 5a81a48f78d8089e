"""docker/compose*.yaml: valid Compose files, wired together, with production's settings."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import yaml
from compose_spec import PyCompose

from lifegraph.discovery import discover_subgraphs

DOCKER = Path(__file__).resolve().parents[2] / "docker"
Document = dict[str, Any]


def load(name: str) -> Document:
    # PyYAML resolves the anchors and `<<` merge keys the files use; compose_spec's
    # parser (the Compose specification's types, enums and keys) checks the rest.
    document: Document = yaml.safe_load((DOCKER / name).read_text())
    PyCompose.from_json(json.dumps(document))
    return document


def merged(base: Document, override: Document) -> Document:
    """`docker compose -f base -f override`: mappings merge, other values are replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def test_the_files_follow_the_compose_specification() -> None:
    base = load("compose.yaml")
    both = merged(base, load("compose.dev.yaml"))
    PyCompose.from_json(json.dumps(both))


def test_every_part_runs_and_what_it_names_exists() -> None:
    base = load("compose.yaml")
    services = base["services"]
    assert {*discover_subgraphs(), "router"} <= set(services)
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, (name, dependency)
        for secret in service.get("secrets", []):
            assert secret in base["secrets"], (name, secret)
    router = services["router"]["command"]
    urls = [arg.split("=", 1)[1] for arg in router if arg.startswith("--subgraph-url=")]
    assert sorted(urls) == sorted(f"{n}=http://{n}:8000/graphql" for n in discover_subgraphs())


def test_the_engines_run_as_production_needs_them() -> None:
    base = load("compose.yaml")
    environment = base["services"]["goals"]["environment"]
    assert "replicaSet=" in environment["MONGODB_URL"]
    assert "--replSet" in base["services"]["mongo"]["command"]
    assert environment["LIFEGRAPH_EVENTS_QUEUE_TYPE"] == "quorum"


def test_development_reloads_every_part_from_the_mounted_checkout() -> None:
    both = merged(load("compose.yaml"), load("compose.dev.yaml"))
    for name in [*discover_subgraphs(), "router"]:
        service = both["services"][name]
        assert "..:/src:ro" in service["volumes"]
        assert service["environment"]["PYTHONPATH"] == "/src"
        watcher = service["entrypoint"]
        assert watcher[0] == "watchfiles"
        command = shlex.split(watcher[-2])
        assert command[:2] == ["lifegraph", "router" if name == "router" else "serve"]
        if name == "router":
            assert "--watch" in command
        else:
            assert command[2] == name
