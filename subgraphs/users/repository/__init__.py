"""All of the users subgraph's database access, one module per area; only services use it."""

from __future__ import annotations

from subgraphs.users.repository.apikeys import ApiKeyRepository
from subgraphs.users.repository.media import CompletedMediaRepository
from subgraphs.users.repository.oauth import OAuthIdentityRepository, OAuthStateRepository
from subgraphs.users.repository.phones import PhoneVerificationRepository
from subgraphs.users.repository.sessions import RefreshFamilyRepository, RefreshTokenRepository
from subgraphs.users.repository.tokens import OneTimeTokenRepository
from subgraphs.users.repository.users import RoleStore, UserRepository

__all__ = [
    "ApiKeyRepository",
    "CompletedMediaRepository",
    "OAuthIdentityRepository",
    "OAuthStateRepository",
    "OneTimeTokenRepository",
    "PhoneVerificationRepository",
    "RefreshFamilyRepository",
    "RefreshTokenRepository",
    "Repositories",
    "RoleStore",
    "UserRepository",
]


class Repositories:
    """One of each repository, handed to the services together."""

    def __init__(self) -> None:
        self.users = UserRepository()
        self.families = RefreshFamilyRepository()
        self.refresh_tokens = RefreshTokenRepository()
        self.one_time_tokens = OneTimeTokenRepository()
        self.oauth_states = OAuthStateRepository()
        self.oauth_identities = OAuthIdentityRepository()
        self.api_keys = ApiKeyRepository()
        self.completed_media = CompletedMediaRepository()
        self.phone_verifications = PhoneVerificationRepository()
