"""OpenTelemetry spans for request, plan and each fetch; W3C trace context to subgraphs.

Only the API is used: with no SDK configured every span is a no-op, but a client's
`traceparent` still reaches the subgraphs unchanged. With no SDK and no `traceparent`
there is nothing to record or pass on, and no span is made at all (making the no-op
spans and contexts was ~3% of the router's CPU per request).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import (
    INVALID_SPAN,
    NoOpTracerProvider,
    ProxyTracerProvider,
    Span,
    SpanKind,
    Status,
    StatusCode,
    TracerProvider,
)

from router.edge.metrics import RouterMetrics


class Tracing:
    def __init__(self, provider: TracerProvider | None) -> None:
        self.provider = provider
        self.tracer = trace.get_tracer("lifegraph.router", tracer_provider=provider)

    def recording(self) -> bool:
        """Is an SDK behind the tracer? Asked each time: one may be installed later."""
        provider = self.provider or trace.get_tracer_provider()
        return not isinstance(provider, ProxyTracerProvider | NoOpTracerProvider)

    @contextmanager
    def request(self, headers: Mapping[str, str], method: str) -> Iterator[Span]:
        if "traceparent" not in headers and not self.recording():
            yield INVALID_SPAN
            return
        parent = propagate.extract(headers)
        with self.tracer.start_as_current_span(
            "graphql.request",
            context=parent,
            kind=SpanKind.SERVER,
            attributes={"http.request.method": method},
        ) as span:
            yield span

    @contextmanager
    def plan(self) -> Iterator[Span]:
        with self.tracer.start_as_current_span("graphql.plan") as span:
            yield span


class FetchTelemetry:
    """The subgraph client's observer: one client span and one metric sample per fetch."""

    def __init__(self, tracing: Tracing, metrics: RouterMetrics) -> None:
        self.tracing = tracing
        self.tracer = tracing.tracer
        self.metrics = metrics

    def fetch_started(self, service: str, headers: dict[str, str]) -> object:
        current = trace.get_current_span().get_span_context()
        if not current.is_valid and not self.tracing.recording():
            return None  # no trace to continue, none to record
        span = self.tracer.start_span(
            f"graphql.fetch {service}",
            kind=SpanKind.CLIENT,
            attributes={"graphql.subgraph": service},
        )
        propagate.inject(headers, context=trace.set_span_in_context(span))
        return span

    def fetch_finished(
        self, token: object, service: str, seconds: float, error: str | None
    ) -> None:
        self.metrics.fetch(service, seconds, error)
        if isinstance(token, Span):
            if error is not None:
                token.set_status(Status(StatusCode.ERROR, error))
            token.end()
