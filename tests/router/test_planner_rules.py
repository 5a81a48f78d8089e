"""The planner's rule modules on their own, without subgraphs: one job each."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode, parse

from router.planner.errors import PlanningError
from router.planner.field_conflicts import ConflictAliaser
from router.planner.operation import Normalizer, SField, SFragment, SSelection
from router.planner.requires_args import required_arguments
from router.planner.satisfiable import Satisfiability
from router.supergraph import load_supergraph
from router.supergraph.model import Supergraph
from tests.router.kit import FIXTURES


@pytest.fixture(scope="module")
def supergraph() -> Supergraph:
    return load_supergraph((FIXTURES / "conformance.graphql").read_text())


def _selections(query: str, supergraph: Supergraph) -> list[SSelection]:
    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    rules = required_arguments(supergraph)
    return Normalizer({}, {}, frozenset(), rules.must_alias).selections(operation.selection_set)


def _fetch_keys(selections: list[SSelection]) -> list[str]:
    found: list[str] = []
    for selection in selections:
        if isinstance(selection, SField):
            found.append(selection.fetch_key)
            found += _fetch_keys(selection.selections)
        else:
            assert isinstance(selection, SFragment)
            found += _fetch_keys(selection.selections)
    return found


def test_required_arguments_names_fields_a_requires_passes_arguments_to(
    supergraph: Supergraph,
) -> None:
    rules = required_arguments(supergraph)
    assert rules.with_arguments == {"comments", "price"}
    assert rules.must_alias("price", has_arguments=False)
    assert rules.must_alias("text", has_arguments=True)
    assert not rules.must_alias("text", has_arguments=False)
    assert not rules.must_alias("title", has_arguments=True)


def test_satisfiability_names_the_unservable_field(supergraph: Supergraph) -> None:
    check = Satisfiability(supergraph).check
    check("Query", _selections('{ post(id: "1") { title summary } }', supergraph))
    with pytest.raises(PlanningError, match=r"Post.legacyCode.*only @external in stats"):
        check("Query", _selections('{ post(id: "1") { legacyCode } }', supergraph))
    with pytest.raises(PlanningError, match=r"Node.tags.*@interfaceObject.*tags"):
        check("Query", _selections('{ node(id: "1") { tags } }', supergraph))


def test_conflict_aliaser_renames_only_unmergeable_pairs(supergraph: Supergraph) -> None:
    aliaser = ConflictAliaser(supergraph)
    selections = _selections(
        "{ items { ... on Book { id title } ... on Pen { id title: colour } } }", supergraph
    )
    aliaser.apply("Query", selections)
    assert _fetch_keys(selections) == ["items", "id", "title", "_lg_Pen__id", "title"]
