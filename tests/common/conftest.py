from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.common.failpoints import failpoint_server


@pytest.fixture(scope="module")
def failpoint_url() -> Iterator[str]:
    """A private server for the module's tests whose commands can be made to fail."""
    with failpoint_server() as url:
        yield url
