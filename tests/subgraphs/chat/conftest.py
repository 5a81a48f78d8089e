from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.chat.app import subgraph

from .support import Api


@pytest.fixture
async def chat_url(serve_subgraph: ServeSubgraph) -> AsyncIterator[str]:
    async with serve_subgraph(subgraph) as url:
        yield url


@pytest.fixture
def api(chat_url: str, test_keys: TestKeys) -> Callable[[str], Api]:
    return lambda user: Api(chat_url, test_keys, user)
