"""Streamed HTTP responses on `POST /graphql`: subscriptions over multipart/mixed (Apollo's
protocol) and server-sent events (graphql-sse), and `@defer` over multipart/mixed."""
