"""Subscription benchmark: python -m bench.subscriptions."""
