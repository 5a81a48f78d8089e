"""HTTP and WebSocket hygiene shared by the router and every subgraph (docs/security.md)."""
