"""Chat use cases: conversations, messages, read state, senders' cards, live streams, erasure.

The only layer the schema talks to; the container is `container.py`.
"""
