"""The inputs and the output of composition."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SubgraphSource:
    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionResult:
    supergraph_sdl: str
    subgraphs: tuple[SubgraphSource, ...]
    hints: tuple[str, ...] = ()
