"""Garbage-collector settings for long-running servers."""

from __future__ import annotations

import gc


def tune_for_serving(young_threshold: int | None) -> None:
    """Fewer, cheaper cycle collections; call once the app is built, before serving.

    CPython's default runs a young collection every 700 allocations, and every
    few of those walk older generations too. A server holding thousands of open
    sockets spends tens of milliseconds per full walk, and every event waiting
    behind it pays: in `bench/subscriptions` that was the whole p99. Freezing
    what start-up allocated (modules, schemas, the supergraph) takes it out of
    every later collection, and a larger young generation makes collections
    rarer. Reference counting still frees everything without cycles at once;
    only garbage cycles wait longer. None leaves CPython's defaults.
    """
    if young_threshold is None:
        return
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(young_threshold, max(older, 20), max(oldest, 100))
