"""What a developer first sees of LifeGraph's API: GraphiQL's first tab, the root types' texts."""

from __future__ import annotations

from types import MappingProxyType

DEFAULT_QUERY = """\
# Welcome to LifeGraph's GraphiQL.
# Ctrl-Enter or ▶ runs the operation under the cursor.
# The Docs explorer (book icon) describes every type
# and field; Ctrl-Space completes names.
#
# 1. Register (uncomment, then run):
#
# mutation Register {
#   register(input: {
#     email: "ada@example.com"
#     password: "violet harbour lantern"
#     displayName: "Ada"
#   }) {
#     user { id displayName }
#   }
# }
#
# 2. Log in, then copy accessToken into the Headers tab
#    below as {"Authorization": "Bearer <accessToken>"}
#    (kept across reloads; subscriptions send it too):
#
# mutation Login {
#   login(input: {
#     email: "ada@example.com"
#     password: "violet harbour lantern"
#   }) {
#     accessToken
#     refreshToken
#   }
# }
#
# 3. Ask who you are:

query Me {
  me { id displayName }
}

# 4. Live events over this router's WebSocket:
#
# subscription Notifications {
#   notificationAdded { id title }
# }
"""

ROOT_DESCRIPTIONS = MappingProxyType(
    {
        "query": "Everything LifeGraph can read: goals, habits, calendar, community, chat, "
        "analytics and notifications, composed from every subgraph into one graph. Most "
        "fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`).",
        "mutation": "Everything LifeGraph can change. To start: `register` an account, "
        "`login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; "
        "`refreshToken` renews it. Root fields run one after another, in the order written.",
        "subscription": "Live events over the graphql-transport-ws WebSocket at the same "
        "`/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`.",
    }
)
