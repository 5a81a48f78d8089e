from common.auth.keys import KeySource, RemoteKeySource, StaticKeySource
from common.auth.principal import Principal, Role
from common.auth.tokens import TokenVerifier

__all__ = ["KeySource", "Principal", "RemoteKeySource", "Role", "StaticKeySource", "TokenVerifier"]
