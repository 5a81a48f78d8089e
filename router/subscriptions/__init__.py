"""GraphQL subscriptions through the router: graphql-transport-ws to clients and subgraphs.

Kept import-light: `router.config` imports `router.subscriptions.config`.
"""
