"""Community use cases: the only layer the schema talks to. The container is `container.py`."""
