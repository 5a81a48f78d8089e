"""What a token traded for an API key may do here, from its verified claims."""

from __future__ import annotations

from common.auth import Principal
from common.errors import Forbidden

# The `amr` (authentication methods) value of tokens traded for an API key.
API_KEY_AMR = "api_key"


def from_api_key(principal: Principal) -> bool:
    amr = principal.claims.get("amr")
    return isinstance(amr, list) and API_KEY_AMR in amr


def require_session(principal: Principal) -> Principal:
    """Account security (passwords, two-step sign-in, API keys, deletion) needs a real sign-in:
    otherwise a leaked key could mint keys that outlive its own revocation."""
    if from_api_key(principal):
        raise Forbidden("API keys cannot do this; sign in to the account.")
    return principal
