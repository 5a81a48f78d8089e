"""Apollo Federation 2 composition: subgraph SDLs to a supergraph SDL in Apollo's format."""

from router.composition.compose import compose
from router.composition.fetch import SubgraphFetchError, compose_services, fetch_subgraph_sdl
from router.composition.issues import CompositionError, CompositionIssue
from router.composition.source import CompositionResult, SubgraphSource

__all__ = [
    "CompositionError",
    "CompositionIssue",
    "CompositionResult",
    "SubgraphFetchError",
    "SubgraphSource",
    "compose",
    "compose_services",
    "fetch_subgraph_sdl",
]
