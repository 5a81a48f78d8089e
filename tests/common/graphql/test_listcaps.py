"""A list over its field's cap is refused before any of its entries is converted."""

from __future__ import annotations

from typing import Any, NewType

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig

from common.graphql.listcaps import list_cap
from common.graphql.schema import build_schema

PARSED: list[object] = []
RESOLVED: list[int] = []


def _parse(value: object) -> str:
    PARSED.append(value)
    return str(value)


Entry = NewType("Entry", str)
ENTRY = strawberry.scalar(
    name="Entry",
    description="A list entry that records its conversion.",
    serialize=str,
    parse_value=_parse,
)


@strawberry.input(description="Entries under a cap.")
class BatchInput:
    entries: list[Entry] = strawberry.field(description="At most 3 entries.", metadata=list_cap(3))
    nested: list[BatchInput] = strawberry.field(
        default_factory=list, description="Batches inside this one."
    )
    loose: list[str] = strawberry.field(default_factory=list, description="No cap.")


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="Always 1.")
    def ping(self) -> int:
        return 1


def _count(batch: BatchInput) -> int:
    return len(batch.entries) + sum(_count(inner) for inner in batch.nested)


@strawberry.type(description="Probe mutations.")
class Mutation:
    @strawberry.mutation(description="How many entries were given, nested ones included.")
    def submit(self, input: BatchInput) -> int:
        RESOLVED.append(_count(input))
        return RESOLVED[-1]


SCHEMA = build_schema(
    "capped", query=Query, mutation=Mutation, config=StrawberryConfig(scalar_map={Entry: ENTRY})
)
SUBMIT = "mutation($i: BatchInput!) { submit(input: $i) }"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    PARSED.clear()
    RESOLVED.clear()


async def _run(query: str, variables: dict[str, Any] | None = None) -> tuple[Any, list[Any]]:
    result = await SCHEMA.execute(query, variable_values=variables)
    errors = [(e.message, (e.extensions or {}).get("code")) for e in result.errors or []]
    return result.data, errors


async def test_a_list_within_its_cap_is_taken() -> None:
    data, errors = await _run(SUBMIT, {"i": {"entries": ["a", "b", "c"], "loose": ["x"] * 50}})
    assert (data, errors) == ({"submit": 3}, [])


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"i": {"entries": ["a"] * 4}}, "entries"),
        (
            {"i": {"entries": ["a"], "nested": [{"entries": ["b"]}, {"entries": ["c"] * 4}]}},
            "nested.1.entries",
        ),
    ],
    ids=["top level", "nested"],
)
async def test_a_variable_over_its_cap_is_refused_before_conversion(
    variables: dict[str, Any], field: str
) -> None:
    result = await SCHEMA.execute(SUBMIT, variable_values=variables)
    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        (f"`{field}` takes at most 3 entries.", {"code": "BAD_USER_INPUT", "field": field})
    ]
    assert PARSED == []
    assert RESOLVED == []


async def test_a_literal_over_its_cap_is_refused() -> None:
    query = 'mutation { submit(input: {entries: [], nested: [{entries: ["a", "b", "c", "d"]}]}) }'
    data, errors = await _run(query)
    assert data is None
    assert errors == [("`entries` takes at most 3 entries.", "BAD_USER_INPUT")]
    assert RESOLVED == []


async def test_the_cap_is_checked_on_every_request_of_a_remembered_document() -> None:
    # The document passes once and is cached as valid; its variables still count.
    assert (await _run(SUBMIT, {"i": {"entries": ["a"]}}))[1] == []
    _, errors = await _run(SUBMIT, {"i": {"entries": ["a"] * 4}})
    assert errors == [("`entries` takes at most 3 entries.", "BAD_USER_INPUT")]
    assert RESOLVED == [1]


async def test_values_of_the_wrong_shape_are_left_to_coercion() -> None:
    _, errors = await _run(SUBMIT, {"i": {"entries": {"not": "a list"}, "nested": "x"}})
    # Coercion's own words, not the cap's: the walk skipped what is not a list.
    assert errors, errors
    assert not [message for message, _ in errors if "takes at most" in message], errors
    assert RESOLVED == []
