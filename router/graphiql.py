"""The GraphiQL page served to browsers at GET /graphql, and the CSP it runs under.

The policy allows only what the page loads: the three pinned packages from unpkg,
its own inline script (by hash), and fetches back to this origin. Styles may be
inline because GraphiQL's dialogs inject `<style>` elements at run time.
"""

from __future__ import annotations

import base64
import hashlib

_PACKAGES = (
    "https://unpkg.com/react@18.3.1/",
    "https://unpkg.com/react-dom@18.3.1/",
    "https://unpkg.com/graphiql@3.8.3/",
)

_INLINE_SCRIPT = """
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true })
    );
  """

GRAPHIQL_HTML = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>LifeGraph GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css" />
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script crossorigin src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"></script>
  <script>{_INLINE_SCRIPT}</script>
</body>
</html>
"""


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


_UNPKG = " ".join(_PACKAGES)

GRAPHIQL_CSP = "; ".join(
    (
        "default-src 'none'",
        f"script-src {_sha256_source(_INLINE_SCRIPT)} {_UNPKG}",
        f"style-src 'unsafe-inline' {_UNPKG}",
        f"font-src data: {_UNPKG}",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
