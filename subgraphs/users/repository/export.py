"""What a data export takes from the users subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# Sign-in secrets (refresh and one-time tokens, phone codes) are not the member's data.
OWNED: tuple[Owned, ...] = (
    # The account itself, without what signs the member in.
    Owned("users", "_id", omit=("password_hash", "email_key", "totp")),
    Owned("oauth_identities", "user_id"),
    Owned("api_keys", "user_id", omit=("token_hash",)),
)
