"""The GraphiQL page served to browsers at GET /graphql, and the CSP it runs under.

The page loads three pinned packages from unpkg, each with Subresource Integrity
(the same files and hashes as Strawberry's GraphiQL), and one inline script. The
policy allows exactly those: the packages' paths, the inline script by its hash,
fetches back to this origin. Two allowances GraphiQL needs: 'unsafe-eval' (its
bundle evaluates `new Function("return this")` to find the global object) and
inline styles (its dialogs inject `<style>` elements); its stylesheet imports
Google Fonts.
"""

from __future__ import annotations

import base64
import hashlib

_REACT = "https://unpkg.com/react@18.2.0/"
_REACT_DOM = "https://unpkg.com/react-dom@18.2.0/"
_GRAPHIQL = "https://unpkg.com/graphiql@3.8.3/"

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
  <link rel="stylesheet" crossorigin href="{_GRAPHIQL}graphiql.min.css"
    integrity="sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM" />
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script crossorigin src="{_REACT}umd/react.production.min.js"
    integrity="sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8"></script>
  <script crossorigin src="{_REACT_DOM}umd/react-dom.production.min.js"
    integrity="sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh"></script>
  <script crossorigin src="{_GRAPHIQL}graphiql.min.js"
    integrity="sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie"></script>
  <script>{_INLINE_SCRIPT}</script>
</body>
</html>
"""


_PACKAGES = f"{_REACT} {_REACT_DOM} {_GRAPHIQL}"


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


GRAPHIQL_CSP = "; ".join(
    (
        "default-src 'none'",
        f"script-src {_sha256_source(_INLINE_SCRIPT)} 'unsafe-eval' {_PACKAGES}",
        f"style-src 'unsafe-inline' {_GRAPHIQL} https://fonts.googleapis.com",
        f"font-src data: {_GRAPHIQL} https://fonts.gstatic.com",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
