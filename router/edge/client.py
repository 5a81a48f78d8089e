"""The headers subgraphs may see of a client request."""

from __future__ import annotations

from collections.abc import Mapping

from common.clientaddr import CLIENT_IP_HEADER


def forwarded_headers(
    headers: Mapping[str, str], client_ip: str | None, request_id: str
) -> dict[str, str]:
    """Only these travel to subgraphs; hop-by-hop and other client headers never do.

    The client's own X-Forwarded-For stops here: subgraphs get the one address the
    edge worked out (common/clientaddr.py), in a header a client cannot pass through us.
    """
    out = {"x-request-id": request_id}
    if client_ip is not None:
        out[CLIENT_IP_HEADER] = client_ip
    authorization = headers.get("authorization")
    if authorization is not None:
        out["authorization"] = authorization
    return out
