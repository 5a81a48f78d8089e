"""The keys access tokens are signed with, and the public JWKS everyone verifies against."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, KeySetSerialization, RSAKey

from common.settings import Environment, UsersSettings

ALGORITHM = "RS256"


class SigningKeys:
    """The first key signs; every key is published, so tokens from a retiring key still verify."""

    def __init__(self, keys: list[RSAKey]) -> None:
        if not keys:
            raise ValueError("at least one signing key is required")
        for key in keys:
            if not key.kid or not key.is_private:
                raise ValueError("every signing key needs a `kid` and its private part")
        self._keys = keys

    @classmethod
    def from_jwks(cls, jwks: KeySetSerialization) -> SigningKeys:
        key_set = KeySet.import_key_set(jwks)
        rsa = [k for k in key_set.keys if isinstance(k, RSAKey)]
        if len(rsa) != len(key_set.keys):
            raise ValueError("only RSA signing keys are supported")
        return cls(rsa)

    @property
    def signing(self) -> RSAKey:
        return self._keys[0]

    def public_jwks(self) -> KeySetSerialization:
        return {"keys": [_public(k) for k in self._keys]}

    def public_key_set(self) -> KeySet:
        return KeySet.import_key_set(self.public_jwks())

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": ALGORITHM, "kid": self.signing.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self.signing, algorithms=[ALGORITHM])


def _public(key: RSAKey) -> dict[str, Any]:
    return {**key.as_dict(private=False), "use": "sig", "alg": ALGORITHM}


def generate_private_jwks(count: int = 2) -> KeySetSerialization:
    keys = [
        RSAKey.generate_key(2048, parameters={"kid": uuid.uuid4().hex[:16]}, private=True)
        for _ in range(count)
    ]
    return {"keys": [k.as_dict(private=True) for k in keys]}


def load_signing_keys(settings: UsersSettings) -> SigningKeys:
    if settings.jwt_private_jwks is not None:
        return SigningKeys.from_jwks(json.loads(settings.jwt_private_jwks.get_secret_value()))
    if settings.jwt_private_jwks_file is not None:
        return SigningKeys.from_jwks(json.loads(settings.jwt_private_jwks_file.read_text()))
    if settings.environment == Environment.DEVELOPMENT:
        return SigningKeys.from_jwks(_development_jwks(settings.data_dir / "jwks.json"))
    raise RuntimeError(
        "No signing keys: set LIFEGRAPH_JWT_PRIVATE_JWKS or LIFEGRAPH_JWT_PRIVATE_JWKS_FILE "
        "(keys are generated automatically only in development)."
    )


def _development_jwks(path: Path) -> KeySetSerialization:
    """Generate keys once and keep them, so restarts do not sign everyone out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written aside and linked into place: a process starting alongside sees
        # either no file or a whole one, and exactly one set of keys wins.
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(generate_private_jwks(), handle)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    loaded: KeySetSerialization = json.loads(path.read_text())
    return loaded
