"""The router's JSON codec is the shared one in `common.jsoncodec` (the subgraphs use it too)."""

from common.jsoncodec import DecodeError, dumps, loads, may_hold_big_integer

__all__ = ["DecodeError", "dumps", "loads", "may_hold_big_integer"]
