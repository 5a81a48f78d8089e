import re
from collections.abc import Callable, Mapping
from enum import Enum

import pytest
import strawberry
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


# Two small subgraphs built the way ours are: Strawberry federation schemas.
@strawberry.federation.type(keys=["id"], description="A LifeGraph member.")
class User:
    id: strawberry.ID
    name: str = strawberry.field(description="Display name.")
    email: str = strawberry.federation.field(inaccessible=True, description="Login e-mail.")


def _me() -> User | None:
    return None


@strawberry.type(description="What the users subgraph answers.")
class UsersQuery:
    me: User | None = strawberry.field(resolver=_me, description="The signed-in user.")


@strawberry.enum(description="Where a goal stands.")
class GoalStatus(Enum):
    ACTIVE = "active"
    DONE = "done"


@strawberry.federation.type(keys=["id"], description="Something a member wants to achieve.")
class Goal:
    id: strawberry.ID
    title: str = strawberry.field(description="What the goal is.")
    status: GoalStatus = strawberry.field(description="Where it stands.")


def _goals(status: GoalStatus | None = None) -> list[Goal]:
    return []


@strawberry.federation.type(keys=["id"], name="User")
class GoalsUser:
    id: strawberry.ID
    goals: list[Goal] = strawberry.field(resolver=_goals, description="Goals the member set.")


@strawberry.input(description="A goal to create.")
class CreateGoalInput:
    title: str = strawberry.field(description="What the goal is.")
    status: GoalStatus = GoalStatus.ACTIVE


def _goal(id: strawberry.ID) -> Goal | None:
    return None


def _create_goal(input: CreateGoalInput) -> Goal:
    raise NotImplementedError


@strawberry.type(name="Query")
class GoalsQuery:
    goal: Goal | None = strawberry.field(resolver=_goal, description="One goal.")


@strawberry.type
class Mutation:
    create_goal: Goal = strawberry.mutation(resolver=_create_goal, description="Create a goal.")


def _service_sdl(schema: strawberry.federation.Schema) -> str:
    result = schema.execute_sync("{ _service { sdl } }")
    assert result.errors is None
    assert result.data is not None
    sdl = result.data["_service"]["sdl"]
    assert isinstance(sdl, str)
    return sdl


_USERS = strawberry.federation.Schema(query=UsersQuery, types=[User])
_GOALS = strawberry.federation.Schema(query=GoalsQuery, mutation=Mutation, types=[GoalsUser])


@pytest.fixture
def users_schema() -> strawberry.federation.Schema:
    return _USERS


@pytest.fixture
def goals_schema() -> strawberry.federation.Schema:
    return _GOALS


@pytest.fixture
def service_sdl() -> Callable[[strawberry.federation.Schema], str]:
    return _service_sdl
