"""Talking to the served users subgraph, and making test data."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

PASSWORD = "violet-harbour-lantern-42"

AUTH_FIELDS = "accessToken refreshToken expiresIn user { id email displayName roles }"


class Api:
    def __init__(self, url: str, *, source: str | None = None) -> None:
        self.url = url
        # A loopback source address other than 127.0.0.1 is a client the default
        # trusted_proxies does not trust: an outside caller, on this one machine.
        self.source = source

    def from_address(self, source: str) -> Api:
        return Api(self.url, source=source)

    async def call(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        transport = httpx.AsyncHTTPTransport(local_address=self.source) if self.source else None
        async with httpx.AsyncClient(timeout=30, transport=transport) as client:
            response = await client.post(
                f"{self.url}/graphql",
                json={"query": query, "variables": variables or {}},
                headers=sent,
            )
        body: dict[str, Any] = response.json()
        return body

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        body = await self.call(query, variables, **kwargs)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        body = await self.call(query, variables, **kwargs)
        assert body.get("errors"), body
        error: dict[str, Any] = body["errors"][0]
        return error

    async def register(
        self,
        *,
        email: str | None = None,
        password: str = PASSWORD,
        display_name: str = "Ada Lovelace",
    ) -> dict[str, Any]:
        data = await self.ok(
            f"mutation($input: RegisterInput!) {{ register(input: $input) {{ {AUTH_FIELDS} }} }}",
            {
                "input": {
                    "email": email or unique_email(),
                    "password": password,
                    "displayName": display_name,
                }
            },
        )
        payload: dict[str, Any] = data["register"]
        return payload

    async def login(
        self,
        email: str,
        password: str = PASSWORD,
        *,
        totp_code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The whole response: callers check either data or errors."""
        return await self.call(
            f"mutation($input: LoginInput!) {{ login(input: $input) {{ {AUTH_FIELDS} }} }}",
            {"input": {"email": email, "password": password, "totpCode": totp_code}},
            headers=headers,
        )

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        return await self.call(
            "mutation($input: RefreshTokenInput!) "
            f"{{ refreshToken(input: $input) {{ {AUTH_FIELDS} }} }}",
            {"input": {"refreshToken": refresh_token}},
        )

    async def me(self, token: str) -> dict[str, Any]:
        return await self.call("{ me { id email displayName emailVerified roles } }", token=token)


def unique_email(prefix: str = "member") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.org"


def code_of(error: dict[str, Any]) -> str:
    code: str = error["extensions"]["code"]
    return code
