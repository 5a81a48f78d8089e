"""One pooled HTTP/1.1 client per subgraph, speaking GraphQL over HTTP."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

import httpx

from router.executor.errors import SUBGRAPH_ERROR, SUBGRAPH_UNAVAILABLE, SubgraphRequestError

_ACCEPT = "application/graphql-response+json, application/json"
_UNAVAILABLE_STATUS = frozenset({502, 503, 504})


class SubgraphClient:
    def __init__(
        self,
        name: str,
        url: str,
        timeout: float,
        *,
        max_connections: int = 100,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self.url = url
        self.timeout = timeout
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=30.0,
            ),
            http2=False,
            trust_env=False,
            transport=transport,
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def request(
        self, payload: Mapping[str, Any], headers: Mapping[str, str]
    ) -> dict[str, Any]:
        body = json.dumps(payload, separators=(",", ":"))
        request_headers = {"content-type": "application/json", "accept": _ACCEPT, **headers}
        try:
            async with asyncio.timeout(self.timeout):
                response = await self._client.post(self.url, content=body, headers=request_headers)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise self._unavailable(f"timed out after {self.timeout:g}s") from exc
        except httpx.TransportError as exc:
            raise self._unavailable("could not be reached") from exc
        return self._decode(response)

    async def ping(self, deadline: float) -> bool:
        try:
            async with asyncio.timeout(deadline):
                response = await self._client.post(
                    self.url,
                    content=b'{"query":"{__typename}"}',
                    headers={"content-type": "application/json", "accept": _ACCEPT},
                )
        except (TimeoutError, httpx.HTTPError):
            return False
        return response.status_code < 500

    def _unavailable(self, reason: str) -> SubgraphRequestError:
        return SubgraphRequestError(
            self.name, f'Subgraph "{self.name}" {reason}', SUBGRAPH_UNAVAILABLE
        )

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        try:
            decoded = json.loads(response.content)
        except ValueError:
            decoded = None
        if isinstance(decoded, dict) and ("data" in decoded or "errors" in decoded):
            return decoded
        if status in _UNAVAILABLE_STATUS:
            raise self._unavailable(f"answered HTTP {status}")
        detail = f"HTTP {status}" if status >= 400 else "an invalid GraphQL response"
        raise SubgraphRequestError(
            self.name, f'Subgraph "{self.name}" returned {detail}', SUBGRAPH_ERROR
        )
