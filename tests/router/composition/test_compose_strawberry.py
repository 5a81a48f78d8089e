"""Composition of schemas built the way our subgraphs build them: Strawberry federation."""

from collections.abc import Callable
from pathlib import Path

import strawberry
from graphql import build_ast_schema, parse

from router.composition import SubgraphSource, compose

EXPECTED = Path(__file__).parent / "data" / "strawberry_users_goals.graphql"
Schema = strawberry.federation.Schema
SdlOf = Callable[[Schema], str]


def test_strawberry_subgraphs_compose_to_the_expected_supergraph(
    users_schema: Schema, goals_schema: Schema, service_sdl: SdlOf
) -> None:
    result = compose(
        [
            SubgraphSource("users", "http://users:8000/graphql", service_sdl(users_schema)),
            SubgraphSource("goals", "http://goals:8000/graphql", service_sdl(goals_schema)),
        ]
    )
    assert result.supergraph_sdl == EXPECTED.read_text()
    schema = build_ast_schema(parse(result.supergraph_sdl))
    assert schema.query_type is not None
    assert schema.mutation_type is not None


def test_as_str_and_service_sdl_compose_the_same(users_schema: Schema, service_sdl: SdlOf) -> None:
    from_service = compose([SubgraphSource("users", "http://u", service_sdl(users_schema))])
    from_as_str = compose([SubgraphSource("users", "http://u", users_schema.as_str())])
    assert from_service.supergraph_sdl == from_as_str.supergraph_sdl


def test_a_schema_using_no_federation_directive_is_still_a_federation_2_subgraph(
    users_schema: Schema,
) -> None:
    @strawberry.type(description="Notifications queries.")
    class Query:
        unread: int = strawberry.field(default=0, description="Unread notifications.")

    plain = strawberry.federation.Schema(query=Query)
    assert "@link" not in plain.as_str()
    result = compose(
        [
            SubgraphSource("notifications", "http://n", plain.as_str()),
            SubgraphSource("users", "http://u", users_schema.as_str()),
        ]
    )
    assert "  unread: Int! @join__field(graph: NOTIFICATIONS)\n" in result.supergraph_sdl
