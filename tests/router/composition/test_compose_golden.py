"""Our output against supergraphs Apollo's own composition produced."""

import re
from pathlib import Path

from router.composition import SubgraphSource, compose
from router.composition.printer import FEATURE_DIRECTIVES, JOIN_DIRECTIVES

DATA = Path(__file__).parent / "data"
DEMO = DATA / "supergraph_demo_fed2"

# `composition-js/src/__tests__/compose.test.ts`, "generates a valid supergraph": the inputs
# go through `composeAsFed2Subgraphs`, i.e. they get a federation v2 @link.
SUBGRAPH1 = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

type Query {
  t: T
}

type T @key(fields: "k") {
  k: ID
}

type S {
  x: Int
}

union U = S | T
"""

SUBGRAPH2 = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

type T @key(fields: "k") {
  k: ID
  a: Int
  b: String
}

enum E {
  V1
  V2
}
"""

# The supergraph that test expects, verbatim.
APOLLO_EXPECTED = (DATA / "apollo_compose_test_generates_a_valid_supergraph.graphql").read_text()


def test_matches_apollo_composition_test_byte_for_byte() -> None:
    result = compose(
        [
            SubgraphSource("Subgraph2", "https://Subgraph2", SUBGRAPH2),
            SubgraphSource("Subgraph1", "https://Subgraph1", SUBGRAPH1),
        ]
    )
    assert result.supergraph_sdl == APOLLO_EXPECTED
    assert [s.name for s in result.subgraphs] == ["Subgraph1", "Subgraph2"]


def _as_join_v02(sdl: str) -> str:
    """Rewrite our join v0.3 / tag v0.3 output into the join v0.2 / tag v0.2 dialect the demo's
    rover version printed. The dialects differ only in spec versions, in two definitions
    v0.3 extended (`join__field(graph:)` became nullable, `join__type` gained
    `isInterfaceObject`, `@tag` gained SCHEMA), and in v0.3's extra `@join__enumValue` and
    `@join__unionMember`; everything the merge decides (types, fields, join arguments,
    ordering) must be identical."""
    replacements = {
        "join/v0.3": "join/v0.2",
        "tag/v0.3": "tag/v0.2",
        JOIN_DIRECTIVES["join__field"]: JOIN_DIRECTIVES["join__field"].replace(
            "graph: join__Graph,", "graph: join__Graph!,"
        ),
        JOIN_DIRECTIVES["join__type"]: JOIN_DIRECTIVES["join__type"].replace(
            ", isInterfaceObject: Boolean! = false", ""
        ),
        FEATURE_DIRECTIVES["tag"]: FEATURE_DIRECTIVES["tag"].removesuffix(" | SCHEMA"),
        JOIN_DIRECTIVES["join__enumValue"] + "\n\n": "",
        JOIN_DIRECTIVES["join__unionMember"] + "\n\n": "",
    }
    for old, new in replacements.items():
        assert old in sdl
        sdl = sdl.replace(old, new)
    return re.sub(r" @join__enumValue\(graph: \w+\)", "", sdl)


def test_demo_supergraph_equals_rovers_up_to_the_join_spec_version() -> None:
    sources = [
        SubgraphSource(name, f"http://{name}:4000/graphql", (DEMO / f"{name}.graphql").read_text())
        for name in ("products", "reviews", "inventory", "pandas", "users")
    ]
    ours = compose(sources).supergraph_sdl
    apollo = (DEMO / "apollo-supergraph-join-v0.2.graphql").read_text()
    assert _as_join_v02(ours) == apollo


def test_output_is_stable_whatever_the_input_order() -> None:
    names = ["products", "reviews", "inventory", "pandas", "users"]
    outputs = {
        compose(
            [
                SubgraphSource(n, f"http://{n}:4000/graphql", (DEMO / f"{n}.graphql").read_text())
                for n in order
            ]
        ).supergraph_sdl
        for order in (names, list(reversed(names)), sorted(names))
    }
    assert len(outputs) == 1
