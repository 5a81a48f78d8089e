"""Opaque tokens (refresh tokens, mailed links, API key secrets) and the hashes stored of them."""

from __future__ import annotations

import hashlib
import secrets


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
