"""Opaque tokens (refresh tokens, mailed links, API key secrets) and the hashes stored of them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The successor of a rotated refresh token is kept sealed under a key only the rotated
# token's holder can derive: the stored hash is SHA-256 of the token, the key an HMAC of
# it, so a database leak opens nothing.
_SEAL_DERIVATION = b"lifegraph refresh successor v1"
_NONCE_BYTES = 12


def _seal_key(token: str) -> bytes:
    return hmac.new(token.encode(), _SEAL_DERIVATION, hashlib.sha256).digest()


def seal_for(token: str, secret: bytes) -> str:
    """`secret` encrypted (AES-GCM) so that only the holder of `token` can read it back."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(_seal_key(token)).encrypt(nonce, secret, _SEAL_DERIVATION)
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def open_with(token: str, sealed: str) -> bytes | None:
    """What `seal_for(token, ...)` sealed; None if `token` is not the one it was sealed for."""
    try:
        raw = base64.urlsafe_b64decode(sealed)
        return AESGCM(_seal_key(token)).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _SEAL_DERIVATION
        )
    except (InvalidTag, ValueError):
        return None
