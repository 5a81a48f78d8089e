"""Every operation the LifeGraph apps send plans into fetches their subgraphs accept.

The operations are read from the shared client package (`clients/shared/src/operations.ts`),
so a new screen's query is covered the day it is written. Each fetch is validated against
its subgraph's schema as the supergraph describes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, parse

from common.graphql.measures import spreads_in
from router.authz import Access
from router.config import RouterConfig
from router.service import Router
from router.supergraph.extract import subgraph_schemas
from tests.plan_checks import fetch_errors

ROOT = Path(__file__).resolve().parents[2]
SUPERGRAPH = (ROOT / "schema" / "supergraph.graphql").read_text()
OPERATIONS = ROOT / "clients" / "shared" / "src" / "operations.ts"

_DOCUMENT = re.compile(r"graphql\(`(.*?)`\)", re.DOTALL)


def _definitions() -> tuple[dict[str, str], dict[str, str]]:
    """(operations, fragments) of the client package, each as its source text by name."""
    operations: dict[str, str] = {}
    fragments: dict[str, str] = {}
    for text in _DOCUMENT.findall(OPERATIONS.read_text()):
        for definition in parse(text).definitions:
            assert definition.loc is not None
            source = definition.loc.source.body[definition.loc.start : definition.loc.end]
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = source
            elif isinstance(definition, OperationDefinitionNode) and definition.name:
                operations[definition.name.value] = source
    return operations, fragments


OPERATION_TEXTS, FRAGMENT_TEXTS = _definitions()


def _with_fragments(source: str) -> str:
    """The operation and the fragments it spreads, transitively (unused ones are invalid)."""
    wanted: list[str] = []
    pending = [parse(source).definitions[0]]
    while pending:
        node = pending.pop()
        for name in spreads_in(node.selection_set):  # type: ignore[attr-defined]
            if name not in wanted:
                wanted.append(name)
                pending.append(parse(FRAGMENT_TEXTS[name]).definitions[0])
    return "\n".join([source, *(FRAGMENT_TEXTS[name] for name in wanted)])


SIGNED_IN = Access(authenticated=True)


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(RouterConfig(supergraph_sdl=SUPERGRAPH))


@pytest.fixture(scope="module")
def schemas() -> dict[str, GraphQLSchema]:
    return subgraph_schemas(SUPERGRAPH)


def test_the_client_package_has_operations() -> None:
    assert len(OPERATION_TEXTS) > 20
    assert {"query", "mutation", "subscription"} <= {
        text.split(maxsplit=1)[0] for text in OPERATION_TEXTS.values()
    }


@pytest.mark.parametrize("name", sorted(OPERATION_TEXTS))
def test_every_client_operation_plans_into_valid_subgraph_fetches(
    router: Router, schemas: dict[str, GraphQLSchema], name: str
) -> None:
    prepared = router.prepare(_with_fragments(OPERATION_TEXTS[name]), name)
    # every combination of @skip/@include matters; all-true and all-false cover each branch
    for flag in (True, False):
        variables = dict.fromkeys(prepared.condition_variables, flag)
        # As the app sends them: signed in, so @authenticated fields are planned too.
        plan = router.plan_for(prepared, variables, SIGNED_IN)
        assert plan.fetches() or plan.introspection is not None
        for fetch in plan.fetches():
            assert not fetch_errors(schemas[fetch.service], fetch.operation), fetch.operation
