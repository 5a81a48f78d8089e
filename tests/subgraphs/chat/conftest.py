from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from functools import partial

import pytest

from common.app import SubgraphHost
from common.infra import Infrastructure
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.chat.app import build, subgraph
from subgraphs.chat.schema import ChatServices

from .support import Api

Hosted = Callable[..., AbstractAsyncContextManager[SubgraphHost[ChatServices]]]


@pytest.fixture
async def chat_url(serve_subgraph: ServeSubgraph) -> AsyncIterator[str]:
    async with serve_subgraph(subgraph) as url:
        yield url


@pytest.fixture
def api(chat_url: str, test_keys: TestKeys) -> Callable[[str], Api]:
    return lambda user: Api(chat_url, test_keys, user)


@pytest.fixture
def hosted(infra: Infrastructure) -> Hosted:
    """The chat services on real infrastructure without HTTP, as one process would run them.

    `answer_coach=False` runs no coach worker: replies owed wait for another process.
    """

    @asynccontextmanager
    async def host(*, answer_coach: bool = True) -> AsyncIterator[SubgraphHost[ChatServices]]:
        definition = replace(subgraph, build=partial(build, answer_coach=answer_coach))
        started = SubgraphHost(definition)
        await started.start(infra)
        try:
            yield started
        finally:
            await started.stop()

    return host
