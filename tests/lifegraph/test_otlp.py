"""The router's spans reach an OTLP/HTTP collector when `otlp_traces_endpoint` is set."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from common.serving import serve_in_loop
from common.settings import Settings
from lifegraph.router_setup import create_lifegraph_router, router_setup

SUPERGRAPH = (Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql").read_text()


class Collector:
    """An OTLP/HTTP traces endpoint on loopback: it decodes what it is sent, as a collector does."""

    def __init__(self) -> None:
        self.exports: list[ExportTraceServiceRequest] = []
        self.received = asyncio.Event()
        self.app = Starlette(routes=[Route("/v1/traces", self.traces, methods=["POST"])])

    async def traces(self, request: Request) -> Response:
        assert request.headers["content-type"] == "application/x-protobuf"
        export = ExportTraceServiceRequest()
        export.ParseFromString(await request.body())
        self.exports.append(export)
        self.received.set()
        return Response(b"", media_type="application/x-protobuf")

    def spans(self) -> list[tuple[str, str]]:
        """(service.name, span name) of every span received."""
        found = []
        for export in self.exports:
            for resource_spans in export.resource_spans:
                resource = resource_spans.resource
                names = {a.key: a.value.string_value for a in resource.attributes}
                for scope in resource_spans.scope_spans:
                    found += [(names["service.name"], span.name) for span in scope.spans]
        return found


async def test_spans_are_exported_to_the_configured_collector(settings: Settings) -> None:
    collector = Collector()
    async with serve_in_loop(collector.app) as collector_url:
        traced = settings.model_copy(
            update={
                "otlp_traces_endpoint": f"{collector_url}/v1/traces",
                "otlp_service_name": "router-under-test",
            }
        )
        app = create_lifegraph_router(traced, SUPERGRAPH)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as http,
        ):
            response = await http.post("/graphql", json={"query": "{ __typename }"})
            assert response.status_code == 200
        # Leaving the lifespan shut the provider down, which sends what was batched.
        async with asyncio.timeout(30):
            await collector.received.wait()
    assert ("router-under-test", "graphql.request") in collector.spans()


async def test_without_an_endpoint_no_exporter_is_made(settings: Settings) -> None:
    assert settings.otlp_traces_endpoint is None
    setup = router_setup(settings, SUPERGRAPH)
    # The API's no-op provider: no exporter thread, nothing sent anywhere.
    assert setup.tracer_provider is None
    assert setup.config.tracer_provider is None
    await setup.close()
