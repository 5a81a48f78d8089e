"""The loop that answers pending coach replies, in whichever process is alive.

Replies owed are rows (`CoachReplyJob`) written with the user's message. A
worker claims the oldest available one under a lease it keeps renewing while it
works; one that dies stops renewing, and the row is claimed again when the
lease lapses. Claims, renewals and the final delete are fenced by the claim
token, so a worker that lost its job never finishes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from subgraphs.chat.models import CoachReplyJob, utcnow
from subgraphs.chat.repository import CoachReplyJobRepository

log = logging.getLogger(__name__)


class CoachWorker:
    def __init__(
        self,
        *,
        jobs: CoachReplyJobRepository,
        answer: Callable[[CoachReplyJob], Awaitable[None]],
        lease_seconds: float = 30.0,
        poll_seconds: float = 2.0,
        retry_seconds: float = 2.0,
        max_concurrent: int = 16,
    ) -> None:
        self._jobs = jobs
        self._answer = answer
        self._lease = timedelta(seconds=lease_seconds)
        self._poll_seconds = poll_seconds
        self._retry_seconds = retry_seconds
        self._max_concurrent = max_concurrent
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A job was just committed: look now rather than at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Claim and answer jobs, a bounded number at a time, until cancelled at shutdown."""
        slots = asyncio.Semaphore(self._max_concurrent)
        async with asyncio.TaskGroup() as group:
            while True:
                await slots.acquire()
                # Cleared before looking: a wake while we look is kept for the next round.
                self._wake.clear()
                job = await self._claim()
                if job is None:
                    slots.release()
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self._poll_seconds):
                            await self._wake.wait()
                    continue
                group.create_task(self._work(job, slots), name=f"coach-reply:{job.id}")

    async def _claim(self) -> CoachReplyJob | None:
        try:
            return await self._jobs.claim(utcnow(), self._lease)
        except Exception:
            log.exception("could not claim a coach reply; trying again at the next poll")
            return None

    async def _work(self, job: CoachReplyJob, slots: asyncio.Semaphore) -> None:
        heartbeat = asyncio.create_task(self._keep_lease(job))
        try:
            await self._answer(job)
        except asyncio.CancelledError:
            heartbeat.cancel()
            # Stopping on purpose: hand the job back at once rather than after the lease.
            with contextlib.suppress(Exception):
                await self._jobs.release(job, utcnow())
            raise
        except Exception:
            heartbeat.cancel()
            delay = self._retry_seconds * 2 ** (job.attempts - 1)
            log.exception(
                "the coach failed to answer; trying again later",
                extra={"message_id": job.message_id, "attempt": job.attempts},
            )
            with contextlib.suppress(Exception):
                await self._jobs.extend(job, utcnow() + timedelta(seconds=delay))
        finally:
            heartbeat.cancel()
            slots.release()

    async def _keep_lease(self, job: CoachReplyJob) -> None:
        while True:
            await asyncio.sleep(self._lease.total_seconds() / 3)
            if not await self._jobs.extend(job, utcnow() + self._lease):
                return
