"""A router client as the apps use it: one token, JSON over HTTP (aiohttp: cheap per request)."""

from __future__ import annotations

from typing import Any

import aiohttp


class Client:
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = f"{url}/graphql"
        self.token: str | None = None

    async def ok(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = {"query": query, "variables": variables or {}}
        async with self.session.post(self.url, json=payload, headers=headers) as response:
            body: dict[str, Any] = await response.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        data: dict[str, Any] = body["data"]
        return data

    async def sign_up(self, name: str) -> str:
        email = f"{name.lower()}@bench.example.com"
        password = "violet-harbour-lantern-42"  # noqa: S105 - a throwaway bench account
        await self.ok(
            "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
            {"i": {"email": email, "password": password, "displayName": name}},
        )
        login = await self.ok(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }",
            {"i": {"email": email, "password": password}},
        )
        self.token = login["login"]["accessToken"]
        user_id: str = login["login"]["user"]["id"]
        return user_id
