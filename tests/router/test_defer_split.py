"""How an operation is split at its `@defer` fragments: the exact operations planned."""

from __future__ import annotations

from graphql import DocumentNode, OperationDefinitionNode, parse, print_ast

from common.graphql.measures import fragment_definitions
from router.defer.split import DeferSplit, defer_variables, split_deferred, uses_defer

DOCUMENT = parse(
    """
query Q($d: Boolean) {
  me {
    id
    ... @defer(label: "friends") { friends { id ...Bio @defer ... @defer(label: "x") { x } } }
  }
  other
  ...Bio @defer(if: $d)
}
fragment Bio on Query { bio }
"""
)


def operation_of(document: DocumentNode) -> OperationDefinitionNode:
    first = document.definitions[0]
    assert isinstance(first, OperationDefinitionNode)
    return first


OPERATION = operation_of(DOCUMENT)


def split(**variables: object) -> DeferSplit:
    return split_deferred(OPERATION, fragment_definitions(DOCUMENT), variables)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_immediate_part_leaves_every_deferred_fragment_out() -> None:
    assert flat(print_ast(split(d=True).immediate)) == "query Q($d: Boolean) { me { id } other }"


def test_each_group_is_its_path_then_its_fields_and_knows_its_parent() -> None:
    groups = split(d=True).groups
    assert [(g.label, g.path, g.parent) for g in groups] == [
        ("friends", ("me",), None),
        (None, ("me", "friends"), 0),
        ("x", ("me", "friends"), 0),
        (None, (), None),
    ]
    assert [flat(print_ast(g.operation)) for g in groups] == [
        "query Q($d: Boolean) { me { ... { friends { id } } } }",
        "query Q($d: Boolean) { me { ... { friends { ... on Query { bio } } } } }",
        "query Q($d: Boolean) { me { ... { friends { ... { x } } } } }",
        "query Q($d: Boolean) { ... on Query { bio } }",
    ]


def test_defer_if_false_keeps_the_fragment_in_place() -> None:
    result = split(d=False)
    assert flat(print_ast(result.immediate)) == (
        "query Q($d: Boolean) { me { id } other ... on Query { bio } }"
    )
    assert len(result.groups) == 3


def test_what_the_plan_cache_keys_on() -> None:
    fragments = fragment_definitions(DOCUMENT)
    assert uses_defer(OPERATION, fragments)
    assert defer_variables(OPERATION, fragments) == ("d",)
    plain = operation_of(parse("{ me { id } }"))
    assert not uses_defer(plain, {})
