"""What every notifications repository shares."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

Session = AsyncClientSession | None
