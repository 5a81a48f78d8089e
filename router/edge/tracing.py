"""OpenTelemetry spans for request, plan and each fetch; W3C trace context to subgraphs.

Only the API is used: with no SDK configured every span is a no-op, but a client's
`traceparent` still reaches the subgraphs unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, TracerProvider

from router.edge.metrics import RouterMetrics


class Tracing:
    def __init__(self, provider: TracerProvider | None) -> None:
        self.tracer = trace.get_tracer("lifegraph.router", tracer_provider=provider)

    @contextmanager
    def request(self, headers: Mapping[str, str], method: str) -> Iterator[Span]:
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
        self.tracer = tracing.tracer
        self.metrics = metrics

    def fetch_started(self, service: str, headers: dict[str, str]) -> object:
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
