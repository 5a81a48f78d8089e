/** What the Today view shows, worked out from query results (no DOM, no React). */
import type { GoalFieldsFragment, TaskFieldsFragment } from "./gql/graphql";

/** A task still to do by the day shown, with the goal it belongs to. */
export interface DueTask {
  task: TaskFieldsFragment;
  goal: Pick<GoalFieldsFragment, "id" | "title">;
  overdue: boolean;
}

/** `YYYY-MM-DD` of `at` in the device's zone: the day a `Date` scalar names. */
export function localDay(at: Date): string {
  const month = String(at.getMonth() + 1).padStart(2, "0");
  const day = String(at.getDate()).padStart(2, "0");
  return `${at.getFullYear()}-${month}-${day}`;
}

/** Open tasks of open goals due on `today` or before it (overdue), the oldest first. */
export function tasksDue(goals: readonly GoalFieldsFragment[], today: string): DueTask[] {
  const due: DueTask[] = [];
  for (const goal of goals) {
    if (goal.status !== "ACTIVE") continue;
    for (const task of goal.tasks) {
      // ISO days compare as strings.
      if (!task.done && task.dueDate && task.dueDate <= today) {
        due.push({ task, goal, overdue: task.dueDate < today });
      }
    }
  }
  return due.sort((a, b) => (a.task.dueDate ?? "").localeCompare(b.task.dueDate ?? ""));
}

/** The calendar window Today asks for: from `now` on, `days` ahead. */
export function upcomingWindow(now: Date, days = 7): { from: string; to: string } {
  const to = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  return { from: now.toISOString(), to: to.toISOString() };
}

/** What a focus session's timer shows: time left of the plan, or past it when over. */
export interface FocusClock {
  /** Whole seconds left of the planned time (0 once it has run out). */
  remainingSeconds: number;
  /** Whole seconds since the plan ran out (0 until then). */
  overSeconds: number;
}

/**
 * Counts from `startedAt`. The schema does not expose how long a session was paused, so
 * a resumed session's clock includes its pauses: the server's `minutes` (pauses excluded)
 * is the record once it is finished.
 */
export function focusClock(
  session: { startedAt: string; plannedMinutes: number },
  now: number,
): FocusClock {
  const elapsed = Math.max(0, Math.floor((now - Date.parse(session.startedAt)) / 1000));
  const planned = session.plannedMinutes * 60;
  return {
    remainingSeconds: Math.max(0, planned - elapsed),
    overSeconds: Math.max(0, elapsed - planned),
  };
}

/** `m:ss` (or `h:mm:ss`) for a timer. */
export function clockText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
