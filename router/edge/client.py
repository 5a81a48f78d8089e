"""Who is on the other end: the client's address and the headers subgraphs may see."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request


def client_chain(request: Request) -> list[str]:
    """Addresses from the original client to our direct peer (X-Forwarded-For, then peer)."""
    chain = [
        part.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for part in header.split(",")
        if part.strip()
    ]
    chain.append(request.client.host if request.client else "unknown")
    return chain


def client_ip(chain: list[str], trusted_proxies: int) -> str:
    """The nearest address not vouched for by a proxy we trust.

    With no trusted proxies that is the peer itself: X-Forwarded-For is trivially forged.
    """
    return chain[max(len(chain) - 1 - trusted_proxies, 0)]


def forwarded_headers(
    headers: Mapping[str, str], chain: list[str], request_id: str
) -> dict[str, str]:
    """Only these travel to subgraphs; hop-by-hop and other client headers never do."""
    out = {"x-request-id": request_id, "x-forwarded-for": ", ".join(chain)}
    authorization = headers.get("authorization")
    if authorization is not None:
        out["authorization"] = authorization
    return out
