from __future__ import annotations

from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder


async def test_costly_operations_are_refused_before_any_fetch(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router(max_cost=60) as client:
        ok = await client.post("/graphql", json={"query": "{ topProducts(first: 5) { upc } }"})
        recorder.clear()
        static = await client.post("/graphql", json={"query": "{ topProducts(first: 99) { upc } }"})
        variable = await client.post(
            "/graphql",
            json={
                "query": "query ($n: Int) { topProducts(first: $n) { upc } }",
                "variables": {"n": 100},
            },
        )
    assert ok.json()["data"]["topProducts"][0] == {"upc": "1"}
    error = static.json()["errors"][0]
    assert error["message"] == "Query cost 100 exceeds the maximum allowed cost of 60"
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "reason": "COST_LIMIT_EXCEEDED",
        "cost": 100,
        "maxCost": 60,
    }
    assert variable.json()["errors"][0]["extensions"]["cost"] == 101
    assert recorder.calls == []
