"""All data access of the notifications subgraph, one module per area (presence is in Redis)."""
