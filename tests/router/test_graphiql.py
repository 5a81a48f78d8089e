"""GraphiQL's own files (no CDN), the page's settings, and the composed root types' texts."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lifegraph.playground import DEFAULT_QUERY, ROOT_DESCRIPTIONS
from router.api_schema import ROOT_DESCRIPTIONS as GENERIC
from router.api_schema import build_api_schema
from router.app import create_router_app
from router.config import RouterConfig
from router.graphiql_assets import assets
from tests.router.kit import FIXTURES

SHOP = (FIXTURES / "shop.graphql").read_text()
SUPERGRAPH = (Path(__file__).parents[2] / "schema" / "supergraph.graphql").read_text()
PINS: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "router" / "graphiql_assets" / "packages.json").read_text()
)


def _client(**options: Any) -> httpx.AsyncClient:
    app = create_router_app(RouterConfig(supergraph_sdl=SHOP, **options))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with _client() as c:
        yield c


def test_every_pinned_file_is_vendored_with_its_packages_licence() -> None:
    served = assets()
    for name, pin in PINS.items():
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/=]{88}", pin["integrity"]), name
        targets = set(pin["files"].values())
        assert targets <= set(served), name
        assert f"{name}.LICENSE.txt" in targets
        assert b"MIT License" in served[f"{name}.LICENSE.txt"].body
    # the bundle's own dependencies, the optional graphql-ws it carries included
    notice = served["graphiql.THIRD-PARTY-LICENSES.txt"].body.decode()
    for bundled in ("graphql", "graphql-ws", "codemirror", "markdown-it"):
        assert f"\n== {bundled}@" in notice, bundled


async def test_assets_are_cached_forever_under_their_content_version(
    client: httpx.AsyncClient,
) -> None:
    asset = assets()["graphiql.min.js"]
    current = await client.get(f"/graphiql/assets/{asset.name}?v={asset.version}")
    assert current.status_code == 200
    assert current.content == asset.body
    assert current.headers["content-type"] == "text/javascript; charset=utf-8"
    assert current.headers["cache-control"] == "public, max-age=31536000, immutable"
    # without (or with an old) version: served, but revalidated every time
    unversioned = await client.get(f"/graphiql/assets/{asset.name}?v=old")
    assert unversioned.headers["cache-control"] == "no-cache"
    etag = current.headers["etag"]
    again = await client.get(f"/graphiql/assets/{asset.name}", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    css = await client.get("/graphiql/assets/graphiql.min.css")
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    licence = await client.get("/graphiql/assets/react.LICENSE.txt")
    assert licence.headers["content-type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    "name", ["nothing.js", "packages.json", "refresh.py", "__init__.py", "..%2Frefresh.py"]
)
async def test_only_the_listed_files_are_served(client: httpx.AsyncClient, name: str) -> None:
    assert (await client.get(f"/graphiql/assets/{name}")).status_code == 404


def _settings(page: str) -> dict[str, Any]:
    block = re.search(
        r'<script id="graphiql-settings" type="application/json">(.*?)</script>', page
    )
    assert block is not None
    settings: dict[str, Any] = json.loads(block[1])
    return settings


async def test_the_first_tab_is_the_configured_query_and_cannot_break_the_page() -> None:
    hostile = "# </script><script>alert(1)</script> & more\n{ __typename }"
    async with _client(graphiql_default_query=hostile) as client:
        page = (await client.get("/graphql", headers={"accept": "text/html"})).text
    assert page.count("</script>") == 5  # the data block's own and the four scripts'
    assert _settings(page)["defaultQuery"] == hostile


async def test_without_configuration_the_first_tab_is_a_generic_welcome(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/graphql", headers={"accept": "text/html"})).text
    assert _settings(page)["defaultQuery"].startswith("# Welcome to GraphiQL.")


def test_composed_root_types_describe_the_whole_api_not_one_subgraph() -> None:
    generic = build_api_schema(SUPERGRAPH)
    assert generic.query_type is not None
    assert generic.mutation_type is not None
    assert generic.subscription_type is not None
    assert generic.query_type.description == GENERIC["query"]
    assert generic.mutation_type.description == GENERIC["mutation"]
    assert generic.subscription_type.description == GENERIC["subscription"]
    lifegraph = build_api_schema(SUPERGRAPH, ROOT_DESCRIPTIONS)
    assert lifegraph.mutation_type is not None
    mutation = lifegraph.mutation_type.description or ""
    assert "`register`" in mutation
    assert "`login`" in mutation
    for root in (lifegraph.query_type, lifegraph.subscription_type):
        assert root is not None
        assert root.description == ROOT_DESCRIPTIONS[root.name.lower()]


def test_lifegraphs_first_tab_shows_register_login_and_a_runnable_query() -> None:
    live = [line for line in DEFAULT_QUERY.splitlines() if not line.startswith("#")]
    assert "query Me {" in live
    assert "#   register(input: {" in DEFAULT_QUERY
    assert "#   login(input: {" in DEFAULT_QUERY


async def test_each_page_gets_a_fresh_style_nonce(client: httpx.AsyncClient) -> None:
    pages = [await client.get("/graphql", headers={"accept": "text/html"}) for _ in range(2)]
    nonces = [_settings(page.text)["styleNonce"] for page in pages]
    assert nonces[0] != nonces[1]
    for page, nonce in zip(pages, nonces, strict=True):
        assert len(nonce) >= 24
        assert f"style-src 'self' 'nonce-{nonce}';" in page.headers["content-security-policy"]
