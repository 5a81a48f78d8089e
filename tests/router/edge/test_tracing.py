from __future__ import annotations

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
QUERY = {"query": "{ topProducts(first: 2) { upc inStock } }"}


async def test_spans_for_request_plan_and_each_fetch(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    async with edge_router(tracer_provider=provider) as client:
        response = await client.post("/graphql", json=QUERY, headers={"traceparent": PARENT})
    assert response.status_code == 200
    spans = {span.name: span for span in exporter.get_finished_spans()}
    assert set(spans) == {
        "graphql.request",
        "graphql.plan",
        "graphql.fetch products",
        "graphql.fetch inventory",
    }
    request = spans["graphql.request"]
    assert request.kind is SpanKind.SERVER
    assert f"{request.context.trace_id:032x}" == TRACE_ID
    assert request.parent is not None
    assert f"{request.parent.span_id:016x}" == "00f067aa0ba902b7"
    assert request.attributes is not None
    assert request.attributes["graphql.operation.type"] == "query"
    for name in ("graphql.plan", "graphql.fetch products", "graphql.fetch inventory"):
        child = spans[name]
        assert child.parent is not None
        assert child.parent.span_id == request.context.span_id
    # each subgraph sees the trace, with its own fetch span as parent
    for subgraph in ("products", "inventory"):
        fetch = spans[f"graphql.fetch {subgraph}"]
        sent = recorder.to(subgraph)[0].headers["traceparent"]
        assert sent == f"00-{TRACE_ID}-{fetch.context.span_id:016x}-01"
    provider.shutdown()


async def test_without_an_sdk_the_client_trace_passes_through(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        await client.post("/graphql", json=QUERY, headers={"traceparent": PARENT})
        await client.post("/graphql", json=QUERY)
    sent = [call.headers.get("traceparent") for call in recorder.to("products")]
    assert sent == [PARENT, None]
