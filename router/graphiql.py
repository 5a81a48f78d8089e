"""The GraphiQL page served to browsers at GET /graphql, its files, and the CSP it runs under.

Everything the page loads comes from this router (router/graphiql_assets): GraphiQL,
React and ReactDOM pinned and vendored, and LifeGraph's start-up script, each tag with
Subresource Integrity. So it works with no internet access, and the policy is 'self'
for scripts and styles. The page's settings (the first-run query) travel in a JSON
data block, which browsers never execute, so no inline script needs allowing.
Two allowances are not 'self': `font-src data:` (GraphiQL's stylesheet embeds its
fonts as data URIs), and a per-response style nonce: GraphiQL's dialogs lock scrolling
by adding a `<style>` element, which carries the nonce the page hands it (the bundled
react-style-singleton reads `window.__webpack_nonce__`), instead of 'unsafe-inline'.
"""

from __future__ import annotations

import html
import json
import secrets
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from router.graphiql_assets import Asset, assets

# Relative to the page (…/graphql), so a router mounted under a prefix still finds them.
ASSETS_PATH = "graphiql/assets/"
# The page names each file with its content hash (`?v=`), so a fetched file never changes.
_IMMUTABLE = "public, max-age=31536000, immutable"

DEFAULT_QUERY = """\
# Welcome to GraphiQL.
#
# Write a query on the left, run it with Ctrl-Enter (or the ▶ button), and read the
# answer on the right. The Docs explorer (the book icon) describes every type and
# field; Ctrl-Space completes names. Subscriptions run too, over this router's
# WebSocket, with the headers of the Headers tab below as connection parameters.

{
  __typename
}
"""


def _url(asset: Asset) -> str:
    return f"{ASSETS_PATH}{asset.name}?v={asset.version}"


def _script(name: str) -> str:
    asset = assets()[name]
    return f'<script src="{_url(asset)}" integrity="{asset.integrity}"></script>'


def _stylesheet(name: str) -> str:
    asset = assets()[name]
    return f'<link rel="stylesheet" href="{_url(asset)}" integrity="{asset.integrity}" />'


def _json_block(value: object) -> str:
    # `<` escaped: the text can never close the <script> element it sits in.
    text = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
    return text.replace("&", "\\u0026")


# Stands for the response's nonce in the cached page; never a valid nonce itself.
_NONCE = "__style_nonce__"


def graphiql_html(default_query: str | None = None, nonce: str = _NONCE) -> str:
    return _page(default_query).replace(_NONCE, nonce)


@lru_cache(maxsize=8)
def _page(default_query: str | None) -> str:
    settings = {"defaultQuery": default_query or DEFAULT_QUERY, "styleNonce": _NONCE}
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>{html.escape("LifeGraph GraphiQL")}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  {_stylesheet("graphiql.min.css")}
  {_stylesheet("playground.css")}
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script id="graphiql-settings" type="application/json">{_json_block(settings)}</script>
  {_script("react.production.min.js")}
  {_script("react-dom.production.min.js")}
  {_script("graphiql.min.js")}
  {_script("playground.js")}
</body>
</html>
"""


def graphiql_csp(nonce: str) -> str:
    return GRAPHIQL_CSP.replace(_NONCE, nonce)


def graphiql_response(default_query: str | None) -> HTMLResponse:
    """The page under its policy, with a fresh style nonce each time."""
    nonce = secrets.token_urlsafe(18)
    response = HTMLResponse(graphiql_html(default_query, nonce))
    response.headers["content-security-policy"] = graphiql_csp(nonce)
    return response


GRAPHIQL_CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        f"style-src 'self' 'nonce-{_NONCE}'",
        "font-src data:",
        "img-src 'self' data:",
        # the fetcher's POSTs and the subscription socket (CSP3: 'self' covers ws(s):)
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


async def graphiql_asset(request: Request) -> Response:
    """`GET /graphiql/assets/<name>`: one of the page's files, or 404."""
    asset = assets().get(request.path_params["name"])
    if asset is None:
        return PlainTextResponse("Not Found", status_code=404)
    etag = f'"{asset.version}"'
    current = request.query_params.get("v") == asset.version
    headers = {"cache-control": _IMMUTABLE if current else "no-cache", "etag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)
