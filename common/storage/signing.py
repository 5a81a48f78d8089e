"""The HMAC-signed URL scheme of the local backend: what a URL allows, until when.

A signature covers the method, the key, the expiry and, for uploads, the exact size and
content type, so a URL for one object and one upload cannot be bent into another.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True, slots=True)
class Grant:
    """What one signed URL permits."""

    method: str  # "PUT" or "GET"
    key: str
    expires: int  # Unix seconds
    byte_size: int | None = None
    content_type: str | None = None

    def message(self) -> bytes:
        parts = (self.method, self.key, str(self.expires), str(self.byte_size or ""))
        return "\n".join((*parts, self.content_type or "")).encode()

    def query(self) -> dict[str, str]:
        """The grant as URL parameters (signature excluded)."""
        query = {"exp": str(self.expires)}
        if self.byte_size is not None:
            query["len"] = str(self.byte_size)
        if self.content_type is not None:
            query["ct"] = self.content_type
        return query


class UrlSigner:
    """Signs and checks grants with one secret.

    ```python
    signer = UrlSigner(b"secret")
    query = signer.sign_query(Grant("GET", "u/1/a", expires=1_900_000_000))
    assert signer.valid(Grant("GET", "u/1/a", expires=1_900_000_000), query_sig)
    ```
    """

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def signature(self, grant: Grant) -> str:
        return hmac.new(self._secret, grant.message(), hashlib.sha256).hexdigest()

    def sign_query(self, grant: Grant) -> str:
        return urlencode({**grant.query(), "sig": self.signature(grant)})

    def valid(self, grant: Grant, signature: str) -> bool:
        return hmac.compare_digest(self.signature(grant), signature)
