"""The community subgraph: posts, comments, likes, follows, feeds, moderation, search."""

from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from subgraphs.community.events import register_consumers
from subgraphs.community.models import MODELS
from subgraphs.community.schema import schema
from subgraphs.community.service import CommunityServices, Deps, Repos, build_services


async def build(runtime: Runtime) -> CommunityServices:
    deps = Deps(
        repos=Repos(),
        publisher=runtime.publisher,
        word_filter=tuple(runtime.infra.settings.community_word_filter),
    )
    services = build_services(deps)
    register_consumers(runtime.infra.bus, services)
    return services


subgraph = SubgraphDefinition(name="community", schema=schema, models=MODELS, build=build)
