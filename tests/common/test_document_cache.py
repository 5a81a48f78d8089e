"""The subgraphs' parse and validation caches: repeated documents are checked once, new ones
always in full, and invalid ones every time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import strawberry
from graphql import ASTValidationRule, FieldNode, GraphQLError
from strawberry.extensions import SchemaExtension

from common.graphql.caching import DocumentCaches, document_cache
from common.graphql.schema import build_schema


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="A constant.")
    def hello(self) -> str:
        return "hi"


validations: list[str] = []


class CountingRule(ASTValidationRule):
    def enter_document(self, *_: Any) -> None:
        validations.append("document")


class NoAliases(ASTValidationRule):
    """Stands in for a per-document limit check (depth, aliases, height)."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.alias is not None:
            self.report_error(GraphQLError("Aliases are not allowed.", node))


class CountValidations(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        self.execution_context.validation_rules = (
            *self.execution_context.validation_rules,
            CountingRule,
        )
        yield


class StrictWhenAsked(SchemaExtension):
    """Adds a rule per request, as late as possible: in its own validation step."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.context == "strict":
            context.validation_rules = (*context.validation_rules, NoAliases)
        yield


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    validations.clear()
    yield
    validations.clear()


def _schema(caches: DocumentCaches | None = None) -> strawberry.Schema:
    extensions: list[type[SchemaExtension]] = [
        CountValidations,
        StrictWhenAsked,
        document_cache(caches or DocumentCaches()),
    ]
    return strawberry.Schema(query=Query, extensions=extensions)


def _messages(result: Any) -> list[str]:
    return [error.message for error in result.errors or []]


async def test_a_repeated_document_is_validated_once() -> None:
    schema = _schema()
    for _ in range(3):
        result = await schema.execute("{ hello }")
        assert result.errors is None
        assert result.data == {"hello": "hi"}
    assert validations == ["document"]


async def test_a_new_document_is_validated_in_full() -> None:
    schema = _schema()
    assert (await schema.execute("{ hello }")).errors is None
    result = await schema.execute("{ hello nope }")
    assert _messages(result) == ["Cannot query field 'nope' on type 'Query'."]
    assert validations == ["document", "document"]


async def test_an_invalid_document_is_rejected_every_time() -> None:
    schema = _schema()
    for _ in range(3):
        result = await schema.execute("{ nope }")
        assert _messages(result) == ["Cannot query field 'nope' on type 'Query'."]
    assert validations == ["document"] * 3


async def test_a_syntax_error_is_reported_every_time() -> None:
    schema = _schema()
    for _ in range(2):
        result = await schema.execute("{ hello")
        assert result.errors is not None
        assert "Syntax Error" in result.errors[0].message


async def test_rules_added_per_request_apply_to_a_cached_document() -> None:
    schema = _schema()
    assert (await schema.execute("{ a: hello }")).errors is None
    strict = await schema.execute("{ a: hello }", context_value="strict")
    assert _messages(strict) == ["Aliases are not allowed."]
    assert (await schema.execute("{ a: hello }", context_value="strict")).errors is not None


async def test_the_cache_is_bounded() -> None:
    caches = DocumentCaches(maxsize=2)
    schema = _schema(caches)
    for field in ("a", "b", "c"):
        assert (await schema.execute(f"{{ {field}: hello }}")).errors is None
    assert len(caches.parsed) == 2
    assert len(caches.valid) == 2
    await schema.execute("{ a: hello }")
    assert len(validations) == 4  # "a" was evicted, so it was validated again


async def test_every_subgraph_schema_caches_and_still_rejects() -> None:
    schema = build_schema("probe", query=Query)
    assert (await schema.execute("{ hello }")).errors is None
    assert (await schema.execute("{ hello }")).errors is None
    result = await schema.execute("{ hello nope }")
    assert _messages(result) == ["Cannot query field 'nope' on type 'Query'."]
