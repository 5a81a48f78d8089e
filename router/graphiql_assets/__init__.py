"""GraphiQL's files, served by the router itself (no CDN): `GET /graphiql/assets/<name>`.

`files/` holds the vendored npm files (pinned in `packages.json`, refreshed by
`python -m router.graphiql_assets.refresh`), their licences, and LifeGraph's own
start-up script and stylesheet. Names are a closed set: only files listed here are
ever served, read once on first use.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Asset:
    name: str
    body: bytes
    media_type: str

    @property
    def integrity(self) -> str:
        """Subresource Integrity value for the page's tags."""
        return "sha384-" + base64.b64encode(hashlib.sha384(self.body).digest()).decode()

    @property
    def version(self) -> str:
        """Changes with the bytes: the page asks for `name?v=version`, cacheable forever."""
        return hashlib.sha256(self.body).hexdigest()[:16]


@cache
def assets() -> dict[str, Asset]:
    found: dict[str, Asset] = {}
    for entry in (files(__name__) / "files").iterdir():
        media_type = next((t for s, t in _MEDIA_TYPES.items() if entry.name.endswith(s)), None)
        if media_type is not None and entry.is_file():
            found[entry.name] = Asset(entry.name, entry.read_bytes(), media_type)
    return found
