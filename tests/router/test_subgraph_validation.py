"""The harness itself: an operation its subgraph's schema rejects is recorded, not ignored."""

from __future__ import annotations

import httpx

from tests.router.kit import VIOLATIONS, Recorder


async def test_an_invalid_subgraph_operation_is_recorded(
    subgraph_base: str, recorder: Recorder
) -> None:
    async with httpx.AsyncClient() as client:
        for query in ("{ topProducts(first: 1) {} }", "{ topProducts(first: 1) { nope } }"):
            await client.post(f"{subgraph_base}/products/graphql", json={"query": query})
    errors = [v.errors for v in recorder.violations]
    assert len(errors) == 2
    assert errors[0][0].startswith("syntax:")
    assert errors[1][0].startswith("Cannot query field 'nope' on type 'Product'.")
    # seen by the autouse check too; cleared so this test itself passes
    assert len(VIOLATIONS) == 2
    VIOLATIONS.clear()
