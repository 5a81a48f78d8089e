"""Class 7: queries no plan can satisfy are refused with QUERY_PLANNING_FAILED."""

from __future__ import annotations

import logging

import httpx
import pytest

from router.planner import QueryPlanner
from tests.router.kit import Recorder, post


async def test_field_only_at_external_positions(
    conformance_client: httpx.AsyncClient, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="router"):
        result = await post(conformance_client, '{ post(id: "1") { title legacyCode } }')
    [record] = [r for r in caplog.records if r.getMessage().startswith("query planning failed")]
    assert "Post.legacyCode" in record.getMessage()
    assert not record.exc_info  # the supergraph, not a bug: no traceback
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert "Post.legacyCode" in error["message"]
    assert recorder.calls == []


async def test_field_only_on_a_non_resolvable_interface_object(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    for query in (
        '{ post(id: "1") { tags } }',
        '{ node(id: "1") { id tags } }',
        '{ node(id: "1") { ... on Post { title tags } } }',
        'query { ...Q } fragment Q on Query { post(id: "1") { ... { tags } } }',
    ):
        result = await post(conformance_client, query)
        assert result["data"] is None, query
        [error] = result["errors"]
        assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
        assert "tags" in error["message"]
    assert recorder.calls == []


async def test_a_planner_bug_is_a_planning_failure_not_internal(
    conformance_client: httpx.AsyncClient, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(QueryPlanner, "_plan_root", broken)
    result = await post(conformance_client, '{ post(id: "2") { title } }')
    assert result["data"] is None
    [error] = result["errors"]
    assert error["message"] == "the operation could not be planned"
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert "boom" not in str(result)
    assert recorder.calls == []


async def test_satisfiable_neighbours_still_plan(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(conformance_client, '{ node(id: "1") { id ... on Post { title } } }')
    assert result == {"data": {"node": {"id": "1", "title": "Post 1"}}}
    assert [c.query for c in recorder.calls] == [
        'query{node(id: "1"){__typename ...on Post{id title}}}'
    ]
