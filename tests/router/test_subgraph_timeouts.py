"""The subgraph timeout is a setting per subgraph, with a default for the rest."""

from __future__ import annotations

import asyncio

import pytest
import typer

from common.settings import Settings
from lifegraph.cli import with_subgraph_timeouts
from lifegraph.router_setup import router_setup
from router.app import create_router_app
from router.config import RouterConfig
from tests.router.kit import FIXTURES, FixtureSubgraph, Recorder, post, router_client


async def test_a_per_subgraph_timeout_overrides_the_default(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    gate = asyncio.Event()
    fixture_subgraphs["accounts"].block = gate
    try:
        async with router_client(
            "shop.graphql",
            subgraph_base,
            subgraph_timeout=30.0,
            subgraph_timeouts={"accounts": 0.3},
        ) as client:
            result = await post(client, '{ me { name } product(upc: "1") { name } }')
    finally:
        gate.set()
        fixture_subgraphs["accounts"].block = None
    assert result["data"] == {"me": None, "product": {"name": "Product 1"}}
    [error] = result["errors"]
    assert error["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
    assert "timed out" in error["message"]
    assert recorder.summary() == [("accounts", False), ("products", False)]


def test_timeout_for_falls_back_to_the_default() -> None:
    config = RouterConfig(supergraph_sdl="", subgraph_timeout=7.0, subgraph_timeouts={"a": 2.5})
    assert (config.timeout_for("a"), config.timeout_for("b")) == (2.5, 7.0)
    with pytest.raises(ValueError, match="must be > 0"):
        RouterConfig(supergraph_sdl="", subgraph_timeouts={"a": 0})


def test_a_timeout_for_an_unknown_subgraph_fails_at_start() -> None:
    sdl = (FIXTURES / "shop.graphql").read_text()
    with pytest.raises(ValueError, match="unknown subgraphs: acounts"):
        create_router_app(RouterConfig(supergraph_sdl=sdl, subgraph_timeouts={"acounts": 1}))


def test_settings_and_cli_flag_reach_the_router_config() -> None:
    settings = Settings(router_subgraph_timeouts={"coach": 90.0})
    settings = with_subgraph_timeouts(settings, ["12", "media=4.5"])
    config = router_setup(settings, "").config
    assert config.subgraph_timeout == 12.0
    assert dict(config.subgraph_timeouts) == {"coach": 90.0, "media": 4.5}
    for bad in ("x", "media=0", "=3", "media=-1"):
        with pytest.raises(typer.BadParameter):
            with_subgraph_timeouts(settings, [bad])
