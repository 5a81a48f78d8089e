"""Calls to an OpenAI-compatible provider (transcription, speech): one pooled HTTP client
per provider for the process's life, behind the outbound URL guard, with its bearer key.

```python
client = OpenAIClient(settings.speech_endpoint, guard=UrlGuard.from_settings(settings))
audio = await client.post_for_bytes("/audio/speech", json={...}, max_bytes=10 << 20)
await client.aclose()  # at shutdown (Runtime.on_stop)
```
"""

from __future__ import annotations

from typing import Any

import httpx

from common.settings import OpenAIEndpoint
from common.urlguard import UrlGuard


class ResponseTooLarge(ValueError):
    """The provider answered with more bytes than the caller accepts."""


class OpenAIClient:
    def __init__(self, endpoint: OpenAIEndpoint, *, guard: UrlGuard | None = None) -> None:
        self._base = endpoint.base_url.rstrip("/")
        key = endpoint.api_key
        self._headers = {"Authorization": f"Bearer {key.get_secret_value()}"} if key else {}
        self.model = endpoint.model
        # What is sent (audio, a reply's text) and the key go only to a public https
        # address, or to a network listed in `outbound_allowed_networks`.
        self._guard = guard or UrlGuard()
        self._client = httpx.AsyncClient(
            timeout=endpoint.timeout_seconds, transport=self._guard.transport()
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def post(self, path: str, **request: Any) -> httpx.Response:
        """POST to `base_url + path`; raises `httpx.HTTPStatusError` on an error status."""
        url = self._base + path
        await self._guard.check(url)
        response = await self._client.post(url, headers=self._headers, **request)
        response.raise_for_status()
        return response

    async def post_for_bytes(self, path: str, *, max_bytes: int, **request: Any) -> bytes:
        """POST and read the body, refusing (`ResponseTooLarge`) past `max_bytes`
        without reading further: a provider cannot make us hold an unbounded answer."""
        url = self._base + path
        await self._guard.check(url)
        async with self._client.stream("POST", url, headers=self._headers, **request) as response:
            response.raise_for_status()
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise ResponseTooLarge(f"the answer is larger than {max_bytes} bytes")
        return bytes(body)
