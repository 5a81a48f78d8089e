"""Composition carries @authenticated, @requiresScopes and @policy into the supergraph."""

from __future__ import annotations

from router.composition import SubgraphSource, compose
from router.supergraph import load_supergraph

_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: '
    '["@key", "@shareable", {name: "@authenticated", as: "@signedIn"}, "@requiresScopes",'
    ' "@policy"])\n'
)


def _compose(*sdls: str) -> str:
    sources = [
        SubgraphSource(f"s{n}", f"http://s{n}/graphql", _LINK + sdl) for n, sdl in enumerate(sdls)
    ]
    return compose(sources).supergraph_sdl


def test_a_shared_field_needs_every_subgraphs_requirement() -> None:
    sdl = _compose(
        """
        type Thing @key(fields: "id") @shareable {
          id: ID!
          x: String @requiresScopes(scopes: [["a"], ["b"]]) @policy(policies: [["p"]])
        }
        type Query { thing: Thing }
        """,
        """
        type Thing @key(fields: "id") @shareable {
          id: ID!
          x: String @requiresScopes(scopes: [["c"], ["a"]]) @signedIn
        }
        """,
    )
    line = next(s.strip() for s in sdl.splitlines() if s.strip().startswith("x: String"))
    # (a or b) and (c or a) == a or (b and c): the product, without supersets
    assert '@requiresScopes(scopes: [["a"], ["b", "c"]])' in line
    assert '@policy(policies: [["p"]])' in line
    assert "@authenticated" in line  # imported as @signedIn, printed under its spec name
    load_supergraph(sdl)  # and the router reads it


def test_types_keep_their_requirements_and_the_links_are_printed_once() -> None:
    sdl = _compose(
        """
        type Account @signedIn { id: ID! }
        enum Level @requiresScopes(scopes: [["admin"]]) { LOW HIGH }
        type Query { account: Account level: Level }
        """
    )
    assert (
        sdl.count('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)') == 1
    )
    assert "scalar requiresScopes__Scope" in sdl
    assert "scalar policy__Policy" not in sdl  # no @policy used: no link, no scalar
    assert "type Account\n  @join__type(graph: S0)\n  @authenticated" in sdl
    assert '@requiresScopes(scopes: [["admin"]])' in sdl
