"""Background work that is watched: a task that dies is logged, restarted, and shows in /health."""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from common.cancellation import cancel_and_wait
from common.metrics import TASK_CRASHES

log = logging.getLogger(__name__)

Work = Callable[[], Coroutine[Any, Any, None]]


class TaskState(enum.Enum):
    RUNNING = "ok"
    # Crashed; waiting out its back-off before the next attempt.
    RESTARTING = "restarting"
    # Crashed more often in a row than its policy allows: nobody restarts it.
    FAILED = "failed"
    # Returned on its own: background loops normally never do.
    FINISHED = "finished"


@dataclass(frozen=True)
class RestartPolicy:
    """Capped exponential back-off between restarts of a crashed task."""

    initial_seconds: float = 0.5
    cap_seconds: float = 30.0
    # A run that lasted this long resets the back-off: it was healthy, then failed anew.
    healthy_after_seconds: float = 60.0
    # Consecutive crashes before giving up for good (None: never give up).
    give_up_after: int | None = None

    def delay(self, failures: int) -> float:
        """Full back-off before restart number `failures`, jittered down by up to a half."""
        ceiling: float = min(self.cap_seconds, self.initial_seconds * 2.0 ** (failures - 1))
        return ceiling * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not secrets


class SupervisedTask:
    """One named background loop, restarted after each crash until stopped."""

    def __init__(self, name: str, work: Work, policy: RestartPolicy) -> None:
        self.name = name
        self._work = work
        self._policy = policy
        self.state = TaskState.RUNNING
        self.failures = 0
        self.last_error: str | None = None
        self._stopping = False
        self._task = asyncio.create_task(self._supervise(), name=name)

    async def stop(self) -> None:
        self._stopping = True
        await cancel_and_wait(self._task)

    async def _supervise(self) -> None:
        while True:
            self.state = TaskState.RUNNING
            started = time.monotonic()
            try:
                await self._work()
            except Exception as exc:
                if self._stopping:
                    raise  # failed while cancelled: a stop, not a crash to restart
                if time.monotonic() - started >= self._policy.healthy_after_seconds:
                    self.failures = 0
                self.failures += 1
                self.last_error = f"{type(exc).__name__}: {exc}"
                TASK_CRASHES.labels(self.name).inc()
                if not await self._after_crash():
                    return
                continue
            self.state = TaskState.FINISHED
            log.warning("background task returned", extra={"task": self.name})
            return

    async def _after_crash(self) -> bool:
        limit = self._policy.give_up_after
        if limit is not None and self.failures >= limit:
            self.state = TaskState.FAILED
            log.error(
                "background task failed for good",
                extra={"task": self.name, "failures": self.failures},
                exc_info=True,
            )
            return False
        self.state = TaskState.RESTARTING
        delay = self._policy.delay(self.failures)
        log.error(
            "background task crashed; restarting",
            extra={"task": self.name, "failures": self.failures, "restart_in_s": round(delay, 3)},
            exc_info=True,
        )
        await asyncio.sleep(delay)
        return True


class Supervisor:
    """Runs a process's background loops and reports on them.

    ```python
    supervisor.spawn("outbox-relay", relay.run)  # a factory: each restart calls it anew
    supervisor.health()  # {"task:outbox-relay": "ok"}; "restarting" or "failed" when down
    await supervisor.stop()
    ```
    """

    def __init__(self, policy: RestartPolicy | None = None) -> None:
        self._policy = policy or RestartPolicy()
        self._tasks: list[SupervisedTask] = []

    @property
    def tasks(self) -> list[SupervisedTask]:
        return list(self._tasks)

    def spawn(self, name: str, work: Work, *, policy: RestartPolicy | None = None) -> None:
        self._tasks.append(SupervisedTask(name, work, policy or self._policy))

    def health(self) -> dict[str, str]:
        return {f"task:{t.name}": t.state.value for t in self._tasks}

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        # Stopped together: one slow loop does not hold up the others' cancellation.
        results = await asyncio.gather(*(t.stop() for t in tasks), return_exceptions=True)
        for task, result in zip(tasks, results, strict=True):
            if isinstance(result, asyncio.CancelledError):
                raise result
            if isinstance(result, BaseException):
                log.error(
                    "background task failed while stopping",
                    extra={"task": task.name},
                    exc_info=result,
                )
