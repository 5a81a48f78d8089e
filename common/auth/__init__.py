"""Who is calling: access tokens verified against the users subgraph's keys.

Resolvers ask `info.context` (`viewer`, `require_viewer`, `require_role`); the
infrastructure builds the `TokenVerifier`. What a subgraph author uses directly
is `Principal`, `Role` and `sees_profile`.

```python
from common.auth import Principal, Role, sees_profile

viewer = await info.context.viewer()
if sees_profile(viewer, profile.user_id, profile.privacy):
    ...
if viewer is not None and viewer.has_role(Role.MODERATOR):
    ...
```
"""

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
