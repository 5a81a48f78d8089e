from common.auth.keys import KeySource, RemoteKeySource, StaticKeySource
from common.auth.principal import Principal, Role, sees_profile
from common.auth.tokens import TokenExpired, TokenVerifier

__all__ = [
    "KeySource",
    "Principal",
    "RemoteKeySource",
    "Role",
    "StaticKeySource",
    "TokenExpired",
    "TokenVerifier",
    "sees_profile",
]
