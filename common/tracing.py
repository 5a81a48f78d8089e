"""Where the router's OpenTelemetry spans go: an OTLP/HTTP collector, when one is set.

Without `otlp_traces_endpoint` nothing is exported and the spans cost next to
nothing (the API's no-op provider). With it, spans are batched and sent from the
SDK's worker thread, so exporting never waits on the event loop, and a collector
that is down costs dropped spans, never a slower request.
"""

from __future__ import annotations

import asyncio

from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor


def otlp_tracer_provider(endpoint: str, service_name: str) -> TracerProvider:
    """A provider exporting to `endpoint` (the full URL, e.g. `http://otel:4318/v1/traces`)."""
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return provider


async def shut_down(provider: TracerProvider) -> None:
    """Send what is still batched, then stop; off the loop, as the export blocks."""
    await asyncio.to_thread(provider.shutdown)
