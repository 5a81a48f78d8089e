"""One test per merge rule: the exact types a small composition produces (the fixed part of
every supergraph, schema/directives/join__/link__ types, is checked by the golden tests)."""

from collections.abc import Callable, Mapping

import pytest

Compose = Callable[[Mapping[str, str]], str]


def test_compound_multiple_and_non_resolvable_keys(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                type Query { user: User }
                type User @key(fields: "id") @key(fields: "org { id } login") {
                  id: ID!
                  login: String!
                  org: Org!
                }
                type Org { id: ID! }
            """,
            "b": """
                type Query { reviews: [Review] }
                type Review { author: User! }
                type User @key(fields: "id", resolvable: false) { id: ID! }
            """,
        }
    )
    assert (
        out
        == """type Org
  @join__type(graph: A)
{
  id: ID!
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  user: User @join__field(graph: A)
  reviews: [Review] @join__field(graph: B)
}

type Review
  @join__type(graph: B)
{
  author: User!
}

type User
  @join__type(graph: A, key: "id")
  @join__type(graph: A, key: "org { id } login")
  @join__type(graph: B, key: "id", resolvable: false)
{
  id: ID!
  login: String! @join__field(graph: A)
  org: Org! @join__field(graph: A)
}
"""
    )


def test_shareable_value_type_takes_the_least_restrictive_output_type(
    compose_types: Compose,
) -> None:
    out = compose_types(
        {
            "a": "type Query { here: Point } type Point @shareable { x: Int! y: Int! }",
            "b": """
                type Query { there: Point }
                type Point { x: Int @shareable y: Int! @shareable label: String }
            """,
        }
    )
    assert (
        out
        == """type Point
  @join__type(graph: A)
  @join__type(graph: B)
{
  x: Int @join__field(graph: A, type: "Int!") @join__field(graph: B, type: "Int")
  y: Int!
  label: String @join__field(graph: B)
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  here: Point @join__field(graph: A)
  there: Point @join__field(graph: B)
}
"""
    )


def test_external_requires_and_provides(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                type Query { products: [Product] @provides(fields: "name") }
                type Product @key(fields: "id") { id: ID! name: String @external }
            """,
            "b": 'type Product @key(fields: "id") { id: ID! name: String @shareable weight: Int }',
            "c": """
                type Product @key(fields: "id") {
                  id: ID!
                  weight: Int @external
                  shipping: Int @requires(fields: "weight")
                }
            """,
        }
    )
    assert (
        out
        == """type Product
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id")
  @join__type(graph: C, key: "id")
{
  id: ID!
  name: String @join__field(graph: A, external: true) @join__field(graph: B)
  weight: Int @join__field(graph: B) @join__field(graph: C, external: true)
  shipping: Int @join__field(graph: C, requires: "weight")
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
  @join__type(graph: C)
{
  products: [Product] @join__field(graph: A, provides: "name")
}
"""
    )


def test_override_of_an_unused_field_drops_the_old_owner(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": 'type Query { p: Product } type Product @key(fields: "id") { id: ID! price: Int }',
            "b": 'type Product @key(fields: "id") { id: ID! price: Int @override(from: "a") }',
        }
    )
    assert out.endswith("""type Product
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id")
{
  id: ID!
  price: Int @join__field(graph: B, override: "a")
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  p: Product @join__field(graph: A)
}
""")


def test_override_of_a_field_still_used_by_a_key_marks_it_used_overridden(
    compose_types: Compose,
) -> None:
    out = compose_types(
        {
            "a": """
                type Query { p: Product }
                type Product @key(fields: "id price") { id: ID! price: Int }
            """,
            "b": 'type Product @key(fields: "id") { id: ID! price: Int @override(from: "a") }',
        }
    )
    assert (
        "  price: Int @join__field(graph: A, usedOverridden: true)"
        ' @join__field(graph: B, override: "a")\n'
    ) in out


def test_inaccessible_and_tag_pass_through(compose_sdl: Compose) -> None:
    sdl = compose_sdl(
        {
            "a": """
                type Query { me: User @tag(name: "public") }
                type User @key(fields: "id") @tag(name: "entity") {
                  id: ID!
                  secret: String @inaccessible @tag(name: "private")
                }
            """,
            "b": """
                type User @key(fields: "id") @tag(name: "entity") @tag(name: "other") {
                  id: ID! @tag(name: "key")
                }
            """,
        }
    )
    assert sdl.startswith("""schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/tag/v0.3")
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)
{
  query: Query
}

directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION""")
    assert (
        "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION"
        " | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
        " | INPUT_FIELD_DEFINITION | SCHEMA\n\n"
    ) in sdl
    assert sdl.endswith("""type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  me: User @join__field(graph: A) @tag(name: "public")
}

type User
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id")
  @tag(name: "entity")
  @tag(name: "other")
{
  id: ID! @tag(name: "key")
  secret: String @inaccessible @join__field(graph: A) @tag(name: "private")
}
""")


def test_interface_object_fields_reach_every_implementation(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                type Query { nodes: [Node] }
                interface Node @key(fields: "id") { id: ID! }
                type Goal implements Node @key(fields: "id") { id: ID! title: String }
            """,
            "b": 'type Node @key(fields: "id") @interfaceObject { id: ID! tags: [String] }',
        }
    )
    assert (
        out
        == """type Goal implements Node
  @join__implements(graph: A, interface: "Node")
  @join__type(graph: A, key: "id")
{
  id: ID!
  title: String
  tags: [String] @join__field
}

interface Node
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id", isInterfaceObject: true)
{
  id: ID!
  tags: [String] @join__field(graph: B)
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  nodes: [Node] @join__field(graph: A)
}
"""
    )


def test_type_extensions_and_extends_mark_their_keys(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": 'type Query { u: User } type User @key(fields: "id") { id: ID! name: String }',
            "b": 'extend type User @key(fields: "id") { id: ID! @external posts: [String] }',
            "c": 'type User @extends @key(fields: "id") { id: ID! @external age: Int }',
        }
    )
    assert out.startswith("""type Query
  @join__type(graph: A)
  @join__type(graph: B)
  @join__type(graph: C)
{
  u: User @join__field(graph: A)
}

type User
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id", extension: true)
  @join__type(graph: C, key: "id", extension: true)
{
  id: ID!
  name: String @join__field(graph: A)
  posts: [String] @join__field(graph: B)
  age: Int @join__field(graph: C)
}
""")


def test_unions_take_every_member_and_interfaces_every_field(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                type Query { search: [Result] }
                union Result = Goal
                interface Entry { id: ID! }
                type Goal implements Entry { id: ID! at: String }
            """,
            "b": """
                type Query { feed: [Result] }
                union Result = Post
                interface Entry { id: ID! at: String }
                type Post implements Entry { id: ID! at: String }
            """,
        }
    )
    assert (
        out
        == """interface Entry
  @join__type(graph: A)
  @join__type(graph: B)
{
  id: ID!
  at: String @join__field(graph: B)
}

type Goal implements Entry
  @join__implements(graph: A, interface: "Entry")
  @join__type(graph: A)
{
  id: ID!
  at: String
}

type Post implements Entry
  @join__implements(graph: B, interface: "Entry")
  @join__type(graph: B)
{
  id: ID!
  at: String
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  search: [Result] @join__field(graph: A)
  feed: [Result] @join__field(graph: B)
}

union Result
  @join__type(graph: A)
  @join__type(graph: B)
  @join__unionMember(graph: A, member: "Goal")
  @join__unionMember(graph: B, member: "Post")
 = Goal | Post
"""
    )


def test_output_enum_takes_the_union_of_values(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": "type Query { a: Color } enum Color { RED GREEN }",
            "b": "type Query { b: Color } enum Color { GREEN BLUE }",
        }
    )
    assert out.startswith("""enum Color
  @join__type(graph: A)
  @join__type(graph: B)
{
  RED @join__enumValue(graph: A)
  GREEN @join__enumValue(graph: A) @join__enumValue(graph: B)
  BLUE @join__enumValue(graph: B)
}
""")


def test_input_enum_takes_the_intersection_of_values(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": "type Query { a(c: Color): Int } enum Color { RED GREEN }",
            "b": "type Query { b(c: Color): Int } enum Color { GREEN BLUE }",
        }
    )
    assert out.startswith("""enum Color
  @join__type(graph: A)
  @join__type(graph: B)
{
  GREEN @join__enumValue(graph: A) @join__enumValue(graph: B)
}
""")


def test_enum_used_both_ways_must_match_and_then_merges(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": "type Query { a(c: Color): Color } enum Color { RED GREEN }",
            "b": "type Query { b: Color } enum Color { RED GREEN }",
        }
    )
    assert "  RED @join__enumValue(graph: A) @join__enumValue(graph: B)\n" in out


def test_input_objects_keep_the_fields_every_subgraph_has(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": "type Query { find(f: Filter): Int } input Filter { q: String limit: Int = 10 }",
            "b": "type Query { other(f: Filter): Int } input Filter { q: String! tag: String }",
        }
    )
    assert out.startswith("""input Filter
  @join__type(graph: A)
  @join__type(graph: B)
{
  q: String! @join__field(graph: A, type: "String") @join__field(graph: B, type: "String!")
}
""")


def test_arguments_are_intersected_with_the_strictest_type(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """type Query {
                search(q: String, limit: Int = 10, page: Int = 1): [String] @shareable
            }""",
            "b": """type Query {
                search(q: String!, page: Int, lang: String): [String] @shareable
            }""",
        }
    )
    assert (
        out
        == """type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  search(q: String!, page: Int): [String]
}
"""
    )


def test_root_types_and_renamed_roots(compose_sdl: Compose) -> None:
    sdl = compose_sdl(
        {
            "a": """
                schema { query: RootQuery mutation: RootMutation }
                type RootQuery { goal: Int }
                type RootMutation { addGoal(title: String!): Int }
            """,
            "b": "type Subscription { ticks: Int }",
        }
    )
    assert "{\n  query: Query\n  mutation: Mutation\n  subscription: Subscription\n}\n" in sdl
    assert sdl.endswith("""type Mutation
  @join__type(graph: A)
{
  addGoal(title: String!): Int
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  goal: Int @join__field(graph: A)
}

type Subscription
  @join__type(graph: B)
{
  ticks: Int
}
""")


def test_descriptions_most_common_wins_and_print_like_apollo(compose_types: Compose) -> None:
    long = "A goal a person sets for themselves, with progress rolled up from sub-goals."
    out = compose_types(
        {
            "a": f'''
                type Query {{ g: Goal }}
                """{long}"""
                type Goal @key(fields: "id") {{ "The id" id: ID! "Title" title: String }}
            ''',
            "b": '"A goal" type Goal @key(fields: "id") { id: ID! }',
            "c": '"A goal" type Goal @key(fields: "id") { id: ID! }',
            "d": """type Query {
                "Find" find("What to look for" q: String, limit: Int): Int
            }""",
        }
    )
    assert (
        out
        == '''"""A goal"""
type Goal
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id")
  @join__type(graph: C, key: "id")
{
  """The id"""
  id: ID!

  """Title"""
  title: String @join__field(graph: A)
}

type Query
  @join__type(graph: A)
  @join__type(graph: B)
  @join__type(graph: C)
  @join__type(graph: D)
{
  g: Goal @join__field(graph: A)

  """Find"""
  find(
    """What to look for"""
    q: String
    limit: Int
  ): Int @join__field(graph: D)
}
'''
    )
    sole = compose_types({"a": f'type Query {{ "{long}" g: Int }}'})
    assert f'  """\n  {long}\n  """\n  g: Int\n' in sole


def test_link_renames_and_prefixed_names_are_understood(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
                  import: [{name: "@key", as: "@primaryKey"}])
                type Query { me: User @federation__shareable }
                type User @primaryKey(fields: "id") { id: ID! name: String @federation__shareable }
            """,
            "b": """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", as: "fed")
                type Query { me: User @fed__shareable }
                type User @fed__key(fields: "id") { id: ID! name: String @fed__shareable }
            """,
        }
    )
    assert (
        out
        == """type Query
  @join__type(graph: A)
  @join__type(graph: B)
{
  me: User
}

type User
  @join__type(graph: A, key: "id")
  @join__type(graph: B, key: "id")
{
  id: ID!
  name: String
}
"""
    )


@pytest.mark.parametrize(
    ("names", "values"),
    [
        (["users", "user-service", "1st"], ["USERS", "USER_SERVICE", "_1ST"]),
        (["a_1", "a-b", "a.b"], ["A_1_", "A_B_1", "A_B_2"]),
    ],
)
def test_graph_enum_values_are_sanitised_like_apollo(
    compose_sdl: Compose, names: list[str], values: list[str]
) -> None:
    sdl = compose_sdl({n: f"type Query {{ f{i}: Int }}" for i, n in enumerate(names)})
    graph_enum = sdl.split("enum join__Graph {\n")[1].split("\n}")[0]
    printed = [line.split()[0] for line in graph_enum.splitlines()]
    assert sorted(printed) == sorted(values)


def test_empty_list_and_object_defaults_print_as_literals(compose_types: Compose) -> None:
    out = compose_types(
        {
            "a": """
                type Query { search(tags: [String!]! = [], filter: Filter = {}): [String!]! }
                input Filter { word: String }
            """,
        }
    )
    assert "search(tags: [String!]! = [], filter: Filter = {}): [String!]!" in out
