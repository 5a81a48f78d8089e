"""Static measures: memoised per fragment, finite on cycles, iterative on long chains."""

from __future__ import annotations

import pytest
from graphql import SelectionSetNode, get_introspection_query, parse

from common.graphql import measures
from common.graphql.measures import SATURATED, Measures, measure_document, measure_operations
from common.testing.hostile import aliases, fragment_explosion


def _measure(query: str) -> Measures:
    return measure_document(parse(query))


def test_plain_operation() -> None:
    assert _measure("{ me { id a: name friends { id } } }") == Measures(
        depth=3, aliases=1, height=5
    )


def test_a_shared_fragment_counts_once_per_spread() -> None:
    document = """
        { me { ...A } other: me { ...B } }
        fragment A on User { x: id ...B ...B }
        fragment B on User { id name ...C }
        fragment C on User { friends { id } }
    """
    # C: 2 fields, depth 2. B: 2 + C = 4, depth 2. A: 1 + 2 * B = 9, one alias.
    # Operation: me (1 + A) + other (1 + B) = 10 + 5 fields; aliases: A's and `other`.
    assert _measure(document) == Measures(depth=3, aliases=2, height=15)


def test_each_fragment_is_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[SelectionSetNode] = []
    summarise = measures.summarise

    def counting(selection_set: SelectionSetNode, known: dict[str, Measures]) -> Measures:
        walked.append(selection_set)
        return summarise(selection_set, known)

    monkeypatch.setattr(measures, "summarise", counting)
    document = parse(fragment_explosion(30))
    assert measure_document(document) == Measures(depth=2, aliases=0, height=1 + 2**30)
    # 31 fragments and the operation, each once.
    assert len(walked) == 32
    assert len({id(s) for s in walked}) == 32


def test_counts_saturate() -> None:
    assert _measure(fragment_explosion(80)).height == SATURATED


def test_aliases_are_counted_through_fragments() -> None:
    document = aliases(10) + " fragment F on User { a: id b: id }"
    assert _measure(document).aliases == 10
    assert _measure("{ me { ...F ...F } } fragment F on User { a: id b: id }").aliases == 4


def test_introspection_adds_no_depth_but_counts_in_height() -> None:
    document = """
        { __schema { types { ...T } } me { id } }
        fragment T on __Type { fields { type { name } } }
    """
    assert _measure(document) == Measures(depth=2, aliases=0, height=7)


def test_the_ide_introspection_query_fits_the_default_limits() -> None:
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    found = _measure(query)
    assert found.depth == 0
    assert found.height < 300


@pytest.mark.parametrize(
    "document",
    [
        "{ me { ...A } } fragment A on User { id ...A }",
        "{ me { ...A } } fragment A on User { id ...B } fragment B on User { name ...A }",
        "{ me { ...Missing } }",
    ],
)
def test_cycles_and_unknown_fragments_are_finite(document: str) -> None:
    found = _measure(document)
    assert found.depth <= 2
    assert found.height <= 3


def test_a_long_fragment_chain_does_not_recurse() -> None:
    count = 3_000  # far past Python's recursion limit
    chain = [f"fragment F{i} on User {{ id ...F{i + 1} }}" for i in range(count)]
    document = "{ me { ...F0 } }\n" + "\n".join(chain) + f"\nfragment F{count} on User {{ id }}"
    assert _measure(document) == Measures(depth=2, aliases=0, height=count + 2)


def test_skip_and_include_variables_are_found_through_fragments() -> None:
    document = parse("""
        query A($a: Boolean, $b: Boolean) { me @skip(if: $a) { ...F } x @include(if: true) }
        query B { me { id } }
        fragment F on User { id @include(if: $b) ...G @skip(if: $c) }
        fragment G on User { ... @include(if: $d) { name } }
    """)
    measured = measure_operations(document)
    first, second = (operation for operation, _ in measured.operations)
    assert measured.of(first).conditions == {"a", "b", "c", "d"}
    assert measured.of(second).conditions == frozenset()
    assert measured.widest().conditions == {"a", "b", "c", "d"}
    assert measured.widest() == measure_document(document)
