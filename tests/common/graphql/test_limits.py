"""The shared limit checks: parsing under the token limit, each measure against its limit."""

from __future__ import annotations

import pytest
from graphql import build_schema, parse
from graphql.error import GraphQLSyntaxError

from common.graphql.limits import (
    OperationLimitExceeded,
    OperationLimits,
    check_document,
    check_operation_cost,
    parse_document,
)
from common.settings import Settings
from common.testing.hostile import aliases, deep

LIMITS = OperationLimits(max_depth=5, max_aliases=3, max_height=20, max_tokens=50, max_cost=30)


def _refused(query: str, limits: OperationLimits = LIMITS) -> OperationLimitExceeded:
    with pytest.raises(OperationLimitExceeded) as caught:
        check_document(parse_document(query, limits), limits)
    assert caught.value.code == "BAD_USER_INPUT"
    return caught.value


def test_within_the_limits() -> None:
    measures = check_document(parse_document("{ me { a: id b: name } }", LIMITS), LIMITS)
    assert (measures.depth, measures.aliases, measures.height) == (2, 2, 3)


def test_depth() -> None:
    error = _refused(deep(6))
    assert error.message == "Query depth 6 exceeds the maximum allowed depth of 5"
    assert error.extensions == {"reason": "DEPTH_LIMIT_EXCEEDED", "depth": 6, "maxDepth": 5}


def test_aliases_through_fragments() -> None:
    error = _refused("{ ...F ...F } fragment F on Query { a: id b: id }")
    assert error.message == "Query uses 4 aliases; at most 3 are allowed"
    assert error.extensions == {"reason": "ALIAS_LIMIT_EXCEEDED", "aliases": 4, "maxAliases": 3}


def test_parsing_stops_at_the_first_alias_too_many() -> None:
    # The rest of the document is never read: it is not even valid GraphQL.
    error = _refused(aliases(4, "id") + " }}}} {{{")
    assert error.message == "Query uses more than the 3 aliases allowed"
    assert error.extensions == {"reason": "ALIAS_LIMIT_EXCEEDED", "maxAliases": 3}


def test_parsing_stops_at_the_first_field_too_many() -> None:
    error = _refused("{ me { " + "id " * 21 + "} } }}}} {{{")
    assert error.message == "Query selects more than the 20 fields allowed"
    assert error.extensions == {"reason": "HEIGHT_LIMIT_EXCEEDED", "maxHeight": 20}


def test_a_fragment_is_counted_while_parsing_too() -> None:
    error = _refused("{ me { id } } fragment F on User { " + "id " * 21 + "}")
    assert error.extensions == {"reason": "HEIGHT_LIMIT_EXCEEDED", "maxHeight": 20}


def test_each_definition_is_counted_on_its_own() -> None:
    one = aliases(3, "id")
    two = one.replace("{", "query A {", 1) + " " + one.replace("{", "query B {", 1)
    assert check_document(parse_document(two, LIMITS), LIMITS).aliases == 3


def test_tokens() -> None:
    error = _refused("{ me(ids: [" + "1 " * 60 + "]) { id } }")
    assert error.reason == "TOKEN_LIMIT_EXCEEDED"
    assert error.message.startswith("Document contains more than 50 tokens")


def test_comments_count_against_the_token_limit() -> None:
    assert _refused("#\n" * 100 + "{ id }").reason == "TOKEN_LIMIT_EXCEEDED"


def test_nesting_past_the_parser_limit_is_a_depth_error() -> None:
    unlimited = OperationLimits(max_depth=None, max_tokens=None)
    assert _refused(deep(300), unlimited).reason == "DEPTH_LIMIT_EXCEEDED"


def test_syntax_errors_stay_syntax_errors() -> None:
    with pytest.raises(GraphQLSyntaxError):
        parse_document("{ me {", LIMITS)


def test_none_turns_a_limit_off() -> None:
    off = OperationLimits(max_depth=None, max_aliases=None, max_height=None, max_tokens=None)
    check_document(parse_document(aliases(50, "id"), off), off)


SCHEMA = build_schema("type Query { items(first: Int): [Item] } type Item { id: ID }")


def test_cost_of_the_chosen_operation() -> None:
    document = parse("query Small { items(first: 2) { id } } query Big { items(first: 90) { id } }")
    check_operation_cost(document, SCHEMA, LIMITS, operation_name="Small", variables={})
    with pytest.raises(OperationLimitExceeded) as caught:
        check_operation_cost(document, SCHEMA, LIMITS, operation_name="Big", variables={})
    assert caught.value.extensions == {"reason": "COST_LIMIT_EXCEEDED", "cost": 91, "maxCost": 30}
    # Without a name the operation is ambiguous: every one must fit.
    with pytest.raises(OperationLimitExceeded):
        check_operation_cost(document, SCHEMA, LIMITS, operation_name=None, variables={})


def test_cost_with_variable_page_sizes() -> None:
    document = parse("query ($n: Int) { items(first: $n) { id } }")
    check_operation_cost(document, SCHEMA, LIMITS, operation_name=None, variables={"n": 5})
    with pytest.raises(OperationLimitExceeded):
        check_operation_cost(document, SCHEMA, LIMITS, operation_name=None, variables={"n": 50})


def test_limits_come_from_the_settings() -> None:
    settings = Settings(
        graphql_max_depth=7,
        graphql_max_aliases=None,
        graphql_max_height=99,
        graphql_max_tokens=1000,
        router_max_cost=123,
        graphql_default_list_size=4,
    )
    assert OperationLimits.from_settings(settings) == OperationLimits(
        max_depth=7,
        max_aliases=None,
        max_height=99,
        max_tokens=1000,
        max_cost=123,
        default_list_size=4,
    )
