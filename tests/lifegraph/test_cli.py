"""The `lifegraph` commands other than `up`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from graphql import print_schema
from starlette.applications import Starlette
from starlette.routing import Mount
from typer.testing import CliRunner

from common.mongo_server import free_port
from common.settings import Settings
from lifegraph.cli import app
from lifegraph.router_setup import create_lifegraph_router

FIXTURES = Path(__file__).parents[1] / "router" / "fixtures"


def test_schema_check_passes_when_current_and_fails_on_drift(tmp_path: Path) -> None:
    runner = CliRunner()
    written = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert written.exit_code == 0, written.output
    assert runner.invoke(app, ["schema", "--check", "--out", str(tmp_path)]).exit_code == 0

    files = sorted(tmp_path.iterdir())
    if files:
        files[0].write_text(files[0].read_text() + "\n# edited by hand\n")
        drifted = runner.invoke(app, ["schema", "--check", "--out", str(tmp_path)])
        assert drifted.exit_code == 1
        assert files[0].name in drifted.output


def test_schema_writes_the_client_schema_the_router_serves(tmp_path: Path) -> None:
    written = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert written.exit_code == 0, written.output
    api = (tmp_path / "api.graphql").read_text()
    for internal in ("join__", "link__", "@join", "@link", "_entities", "_service", "_Any"):
        assert internal not in api
    served = create_lifegraph_router(
        Settings(environment="test"), (tmp_path / "supergraph.graphql").read_text()
    )
    # The web app's routes come first; the router is the mount at `/`.
    (mounted,) = (r.app for r in served.routes if isinstance(r, Mount) and r.path == "")
    assert isinstance(mounted, Starlette)
    assert print_schema(mounted.state.router.api_schema) + "\n" == api


def test_router_command_serves_any_supergraph_file(tmp_path: Path) -> None:
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "lifegraph"),
        "router",
        "--supergraph",
        str(FIXTURES / "apollo_demo.graphql"),
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
    ]
    with subprocess.Popen(command, cwd=tmp_path) as process:  # noqa: S603
        try:
            deadline = time.monotonic() + 60
            response = None
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)  # polling readiness, bounded by the deadline
            assert response is not None, "the router never answered"
            body = response.json()
            # The demo's subgraphs are not running here: the router is up, they are not.
            assert response.status_code == 200
            assert body["status"] == "degraded"
            schema = httpx.post(
                f"http://127.0.0.1:{port}/graphql",
                json={"query": "{ __schema { queryType { name } } }"},
                timeout=5,
            ).json()
            assert schema == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_serve_loads_only_its_subgraphs_section_and_names_what_is_missing() -> None:
    production = {
        "LIFEGRAPH_ENVIRONMENT": "production",
        "LIFEGRAPH_ROUTER_SECRET": "s3cret",
        "LIFEGRAPH_SMTP_HOST": "mail.example.org",
    }
    failed = CliRunner().invoke(app, ["serve", "users"], env=production)
    assert failed.exit_code == 1
    lines = failed.output.strip().splitlines()
    assert len(lines) == 1, failed.output
    assert "LIFEGRAPH_JWT_PRIVATE_JWKS" in lines[0]
    # The router's origins are not the users subgraph's to ask for.
    assert "LIFEGRAPH_CORS_ORIGINS" not in lines[0]


def test_router_refuses_to_start_without_its_production_settings() -> None:
    supergraph = str(FIXTURES / "apollo_demo.graphql")
    failed = CliRunner().invoke(
        app, ["router", "--supergraph", supergraph], env={"LIFEGRAPH_ENVIRONMENT": "production"}
    )
    assert failed.exit_code == 1
    assert "LIFEGRAPH_ROUTER_SECRET" in failed.output
    assert "LIFEGRAPH_CORS_ORIGINS" in failed.output
    # Users-only settings are not the router's to ask for.
    assert "JWT_PRIVATE_JWKS" not in failed.output
