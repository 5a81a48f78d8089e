from common.auth.keys import KeySource, RemoteKeySource, StaticKeySource
from common.auth.principal import Principal, Role, sees_profile
from common.auth.tokens import TokenVerifier

__all__ = [
    "KeySource",
    "Principal",
    "RemoteKeySource",
    "Role",
    "StaticKeySource",
    "TokenVerifier",
    "sees_profile",
]
