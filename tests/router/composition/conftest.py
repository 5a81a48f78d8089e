import re
from collections.abc import Callable, Mapping

import pytest
from graphql import build_ast_schema, parse

from router.composition import CompositionError, CompositionIssue, SubgraphSource, compose

FED2_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key",'
    ' "@requires", "@provides", "@external", "@tag", "@extends", "@shareable", "@inaccessible",'
    ' "@override", "@interfaceObject"])\n'
)

Subgraphs = Mapping[str, str]


def as_sources(subgraphs: Subgraphs) -> list[SubgraphSource]:
    """Subgraphs named in the mapping; SDLs without a @link get every federation import."""
    return [
        SubgraphSource(
            name, f"http://{name}.test/graphql", sdl if "@link" in sdl else FED2_LINK + sdl
        )
        for name, sdl in subgraphs.items()
    ]


def user_types(supergraph: str) -> str:
    """The supergraph minus what every supergraph has (schema, directive definitions, join__
    and link__ types), so a test can state exactly what its subgraphs contribute."""
    kept = []
    for block in re.split(r"\n\n(?=[^\s}])", supergraph.strip()):
        match = re.search(r"^(?:type|interface|enum|input|union|scalar) (\w+)", block, re.M)
        if match and not match.group(1).startswith(("join__", "link__")):
            kept.append(block)
    return "\n\n".join(kept) + "\n"


def _compose_sdl(subgraphs: Subgraphs) -> str:
    sdl = compose(as_sources(subgraphs)).supergraph_sdl
    # Every supergraph we print must load as a plain GraphQL schema (it defines its directives).
    build_ast_schema(parse(sdl))
    return sdl


@pytest.fixture
def compose_sdl() -> Callable[[Subgraphs], str]:
    return _compose_sdl


@pytest.fixture
def compose_types() -> Callable[[Subgraphs], str]:
    return lambda subgraphs: user_types(_compose_sdl(subgraphs))


@pytest.fixture
def composition_issues() -> Callable[[Subgraphs], list[CompositionIssue]]:
    def run(subgraphs: Subgraphs) -> list[CompositionIssue]:
        with pytest.raises(CompositionError) as caught:
            compose(as_sources(subgraphs))
        return list(caught.value.issues)

    return run
