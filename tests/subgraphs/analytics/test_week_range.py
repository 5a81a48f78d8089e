"""`weeklyReport(weekOf:)` far from today: BAD_USER_INPUT, never INTERNAL."""

from __future__ import annotations

import pytest

from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.analytics.app import subgraph
from tests.subgraphs.conftest import Gql

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

REPORT = """query($w: Date) { _entities(representations: [{__typename: "User", id: "u1"}]) {
  ... on User { weeklyReport(weekOf: $w) { weekStart } } } }"""


async def test_weeks_at_the_ends_of_the_calendar_are_bad_user_input(
    serve_subgraph: ServeSubgraph, gql: Gql, test_keys: TestKeys
) -> None:
    owner = test_keys.bearer("u1")
    async with serve_subgraph(subgraph) as url:
        for week_of in ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"]:
            body = await gql(url, REPORT, {"w": week_of}, owner)
            [error] = body["errors"]
            assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "weekOf"}
        body = await gql(url, REPORT, {"w": "2025-03-05"}, owner)
        assert body["data"]["_entities"][0]["weeklyReport"] == {"weekStart": "2025-03-03"}
