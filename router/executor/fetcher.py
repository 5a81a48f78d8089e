"""One pooled HTTP/1.1 client per subgraph, speaking GraphQL over HTTP.

aiohttp rather than httpx: on the router's hot path it costs about a sixth of
the CPU per subgraph request (see `python -m bench.router`). A subgraph served
by this very process (the embedded host) is reached through its ASGI app
instead (`router/executor/inprocess.py`); everything around the exchange
(deduplication, circuit breaker, observer, timeout, decoding) is the same.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp

from router import jsoncodec
from router.executor.breaker import BreakerSettings, CircuitBreaker, CircuitOpen, CircuitState
from router.executor.dedup import InFlight
from router.executor.errors import (
    CIRCUIT_OPEN,
    SUBGRAPH_ERROR,
    SUBGRAPH_UNAVAILABLE,
    SubgraphRequestError,
)
from router.executor.inprocess import AsgiTransport
from router.executor.retry import RetryBudget, RetrySettings

_ACCEPT = "application/graphql-response+json, application/json"
_UNAVAILABLE_STATUS = frozenset({502, 503, 504})
# Below uvicorn's default 5 s keep-alive, so we drop idle connections before the server does.
_KEEPALIVE_SECONDS = 4.0
_PING = b'{"query":"{__typename}"}'
# Forwarded headers that differ per client request but not the answer: left out of the
# key that decides whether two requests are the same (so the viewer's token is in it).
_PER_REQUEST_HEADERS = frozenset({"x-request-id", "traceparent", "tracestate"})
_RequestKey = tuple[bytes, frozenset[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class PlainResponse:
    """A subgraph's answer to a plain (non-GraphQL) GET."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class FetchObserver(Protocol):
    """Told about every subgraph request (metrics, traces); may add headers to it."""

    def fetch_started(self, service: str, headers: dict[str, str]) -> object: ...

    def fetch_finished(
        self, token: object, service: str, seconds: float, error: str | None
    ) -> None: ...


class SubgraphClient:
    def __init__(
        self,
        name: str,
        url: str,
        timeout: float,
        *,
        max_connections: int = 100,
        observer: FetchObserver | None = None,
        headers: Mapping[str, str] | None = None,
        deduplicate: bool = True,
        breaker: BreakerSettings | None = None,
        retry: RetrySettings | None = None,
        transport: AsgiTransport | None = None,
    ) -> None:
        self.name = name
        self.url = url
        self.timeout = timeout
        self.observer = observer
        self.inflight: InFlight[_RequestKey, tuple[dict[str, Any], bytes]] | None = (
            InFlight() if deduplicate else None
        )
        self.breaker = CircuitBreaker(breaker) if breaker is not None else None
        self.retry = retry
        self.retry_budget = RetryBudget(retry) if retry is not None else None
        self.retries = 0  # sent so far (metrics, tests)
        self.transport = transport
        self._headers = dict(headers or {})
        self._session = aiohttp.ClientSession(
            # On every request, pings included: the router secret (common/transport/secret.py).
            headers=dict(headers or {}),
            connector=aiohttp.TCPConnector(
                limit=max_connections, keepalive_timeout=_KEEPALIVE_SECONDS
            ),
            # Deadlines come from `asyncio.timeout` around each request: a second timer
            # per request in aiohttp cost ~5% of the router's CPU under event fan-out.
            timeout=aiohttp.ClientTimeout(total=None),
            # No Accept-Encoding: compressing JSON on loopback costs more than it saves.
            skip_auto_headers=("User-Agent", "Accept-Encoding"),
            # One session serves every viewer: a cookie a subgraph set for one must never
            # go out with another's requests (and no jar is one less lookup per request).
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    async def close(self) -> None:
        if self.transport is not None:
            await self.transport.close()
        await self._session.close()

    async def request(
        self, payload: Mapping[str, Any], headers: Mapping[str, str], *, shareable: bool = False
    ) -> dict[str, Any]:
        """Send one GraphQL request; raise SubgraphRequestError when no usable answer came.

        `shareable` (queries only): an identical request already in flight, with the same
        headers that can change the answer, is awaited instead of sent again; and a
        transient failure is retried within the retry budget.
        """
        body = jsoncodec.dumps(payload)
        request_headers = {"content-type": "application/json", "accept": _ACCEPT, **headers}
        inflight = self.inflight
        if not shareable or inflight is None:
            return (await self._exchange(body, request_headers, shareable))[0]
        key = (body, frozenset(i for i in headers.items() if i[0] not in _PER_REQUEST_HEADERS))
        (result, content), started = await inflight.join(
            key, lambda: self._exchange(body, request_headers, True)
        )
        if started:
            return result
        # Our own copy: the executor merges into responses in place.
        copy: dict[str, Any] = jsoncodec.loads(content)
        return copy

    async def _exchange(
        self, body: bytes, headers: dict[str, str], retry: bool
    ) -> tuple[dict[str, Any], bytes]:
        """One request through the circuit breaker: one verdict for it, retries included."""
        breaker = self.breaker
        if breaker is None:
            return await self._attempts(body, headers, retry)
        try:
            probe = breaker.admit()
        except CircuitOpen as exc:
            raise SubgraphRequestError(
                self.name,
                f'Subgraph "{self.name}" is unavailable: its circuit breaker opened after '
                f"{breaker.consecutive_failures} consecutive failures (next try in "
                f"{exc.retry_in:.1f}s)",
                SUBGRAPH_UNAVAILABLE,
                reason=CIRCUIT_OPEN,
            ) from None
        try:
            answer = await self._attempts(body, headers, retry)
        except SubgraphRequestError:
            breaker.failed(probe)
            raise
        except BaseException:
            breaker.abandoned(probe)
            raise
        breaker.succeeded()
        return answer

    async def _attempts(
        self, body: bytes, headers: dict[str, str], retry: bool
    ) -> tuple[dict[str, Any], bytes]:
        """Sent, and sent again after a transient failure while the budget allows and the
        circuit has not opened meanwhile (other requests' failures can open it)."""
        budget, settings = self.retry_budget, self.retry
        if not retry or budget is None or settings is None:
            return await self._observed(body, headers)
        budget.deposit()
        # Retries share the request's deadline: a query still costs at most the timeout.
        clock = asyncio.get_running_loop().time
        deadline = clock() + self.timeout
        tries = 0
        while True:
            remaining = deadline - clock()
            per_try = min(remaining, settings.per_try_timeout or remaining)
            try:
                return await self._observed(body, headers, per_try)
            except SubgraphRequestError as exc:
                tries += 1
                if (
                    not exc.transient
                    or tries > settings.attempts
                    or deadline - clock() <= settings.backoff * tries
                    or self._circuit_open()
                    or not budget.withdraw()
                ):
                    raise
            self.retries += 1
            await asyncio.sleep(settings.backoff * tries)

    def _circuit_open(self) -> bool:
        return self.breaker is not None and self.breaker.state is CircuitState.OPEN

    async def _observed(
        self, body: bytes, headers: dict[str, str], within: float | None = None
    ) -> tuple[dict[str, Any], bytes]:
        observer = self.observer
        if observer is None:
            return await self._send(body, headers, within)
        token = observer.fetch_started(self.name, headers)
        started = time.perf_counter()
        error: str | None = None
        try:
            answer = await self._send(body, headers, within)
            if answer[0].get("errors"):
                error = "graphql"
            return answer
        except SubgraphRequestError as exc:
            error = exc.code
            raise
        finally:
            observer.fetch_finished(token, self.name, time.perf_counter() - started, error)

    async def _send(
        self, body: bytes, headers: Mapping[str, str], within: float | None = None
    ) -> tuple[dict[str, Any], bytes]:
        """One POST; `within` seconds (default: the subgraph timeout) to answer."""
        seconds = self.timeout if within is None else within
        if self.transport is not None:
            return await self._send_in_process(self.transport, body, headers, seconds)
        try:
            async with (
                asyncio.timeout(seconds),
                self._session.post(self.url, data=body, headers=headers) as response,
            ):
                content = await response.read()
                status = response.status
        except TimeoutError as exc:
            raise self._unavailable(f"timed out after {round(seconds, 2):g}s") from exc
        except aiohttp.ClientError as exc:
            raise self._unavailable("could not be reached") from exc
        return self._decode(status, content), content

    async def _send_in_process(
        self, transport: AsgiTransport, body: bytes, headers: Mapping[str, str], seconds: float
    ) -> tuple[dict[str, Any], bytes]:
        try:
            async with asyncio.timeout(seconds):
                # The session's headers (the router secret) as aiohttp would add them.
                status, content = await transport.post(body, {**self._headers, **headers})
        except TimeoutError as exc:
            raise self._unavailable(f"timed out after {round(seconds, 2):g}s") from exc
        return self._decode(status, content), content

    async def get(self, path: str, headers: Mapping[str, str], *, max_bytes: int) -> PlainResponse:
        """GET `path` (with its query string) beside the subgraph's `/graphql`.

        Raises SubgraphRequestError when the subgraph is unreachable, too slow, or
        answers with more than `max_bytes`.
        """
        base = self.url.removesuffix("/").removesuffix("/graphql")
        try:
            async with (
                asyncio.timeout(self.timeout),
                self._session.get(base + path, headers=headers, allow_redirects=False) as response,
            ):
                body = await response.content.read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise SubgraphRequestError(
                        self.name, f"Subgraph {self.name!r} answered too much", SUBGRAPH_ERROR
                    )
                return PlainResponse(response.status, dict(response.headers), body)
        except TimeoutError as exc:
            raise self._unavailable(f"timed out after {self.timeout:g}s") from exc
        except aiohttp.ClientError as exc:
            raise self._unavailable("could not be reached") from exc

    async def ping(self, deadline: float) -> bool:
        headers = {"content-type": "application/json", "accept": _ACCEPT}
        if self.transport is not None:
            try:
                async with asyncio.timeout(deadline):
                    status, _ = await self.transport.post(_PING, {**self._headers, **headers})
            except TimeoutError:
                return False
            return status < 500
        try:
            async with (
                asyncio.timeout(deadline),
                self._session.post(self.url, data=_PING, headers=headers) as response,
            ):
                await response.read()
                return response.status < 500
        except (TimeoutError, aiohttp.ClientError):
            return False

    def _unavailable(self, reason: str) -> SubgraphRequestError:
        return SubgraphRequestError(
            self.name, f'Subgraph "{self.name}" {reason}', SUBGRAPH_UNAVAILABLE, transient=True
        )

    def _decode(self, status: int, content: bytes) -> dict[str, Any]:
        try:
            decoded = jsoncodec.loads(content)
        except (ValueError, UnicodeDecodeError):
            decoded = None
        if isinstance(decoded, dict) and ("data" in decoded or "errors" in decoded):
            return decoded
        if status in _UNAVAILABLE_STATUS:
            raise self._unavailable(f"answered HTTP {status}")
        detail = f"HTTP {status}" if status >= 400 else "an invalid GraphQL response"
        raise SubgraphRequestError(
            self.name,
            f'Subgraph "{self.name}" returned {detail}',
            SUBGRAPH_ERROR,
            transient=status >= 500,
        )
