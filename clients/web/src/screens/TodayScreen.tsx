import type { ApolloCache } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";

import {
  CurrentFocusSessionDocument,
  FinishFocusSessionDocument,
  type FocusSessionFieldsFragment,
  type GoalFieldsFragment,
  type HabitFieldsFragment,
  StartFocusSessionDocument,
  UpcomingDocument,
  type UpcomingQuery,
  clockText,
  describeError,
  focusClock,
  localDay,
  tasksDue,
  upcomingWindow,
} from "@lifegraph/shared";

import { HabitItem } from "./HabitsSection";

// Enough for a glance; the week view is the Calendar's.
const UPCOMING_SHOWN = 5;
const FOCUS_MINUTES = 25;
const when = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

type Occurrence = UpcomingQuery["calendar"][number];

/** Today: habits to check in, tasks due, the focus timer, and what is coming up. */
export function TodayScreen({
  goals,
  habits,
}: {
  goals: GoalFieldsFragment[];
  habits: HabitFieldsFragment[];
}) {
  // Fixed for the page's life: a window that moved on every render would refetch.
  const [now] = useState(() => new Date());
  const due = tasksDue(goals, localDay(now));
  const open = habits.filter((habit) => !habit.checkedInToday);
  const done = habits.filter((habit) => habit.checkedInToday);

  return (
    <section className="card today" aria-labelledby="today-heading">
      <h2 id="today-heading">Today</h2>
      <h3 id="today-habits-heading">Habits</h3>
      {habits.length === 0 ? (
        <p className="empty">No habits yet: add one on Home.</p>
      ) : (
        <ul className="habits" aria-labelledby="today-habits-heading">
          {[...open, ...done].map((habit) => (
            <HabitItem key={habit.id} habit={habit} />
          ))}
        </ul>
      )}
      <h3 id="due-heading">Tasks due</h3>
      {due.length === 0 ? (
        <p className="empty">Nothing due today.</p>
      ) : (
        <ul className="due" aria-labelledby="due-heading">
          {due.map(({ task, goal, overdue }) => (
            <li key={task.id} aria-label={task.title}>
              {task.title} <span className="muted">· {goal.title}</span>
              {overdue && (
                <>
                  {" "}
                  <span className="badge">overdue</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <FocusPanel />
      <Upcoming now={now} />
    </section>
  );
}

function Upcoming({ now }: { now: Date }) {
  const upcoming = useQuery(UpcomingDocument, { variables: upcomingWindow(now) });
  const occurrences = upcoming.data?.calendar.slice(0, UPCOMING_SHOWN) ?? [];
  return (
    <>
      <h3 id="upcoming-heading">Coming up</h3>
      {upcoming.loading && !upcoming.data && (
        <p role="status" className="status">
          Loading your calendar…
        </p>
      )}
      {upcoming.error && !upcoming.data && (
        <p role="alert" className="error">
          {describeError(upcoming.error)}
        </p>
      )}
      {upcoming.data && occurrences.length === 0 && (
        <p className="empty">Nothing on the calendar this week.</p>
      )}
      {occurrences.length > 0 && (
        <ol className="upcoming" aria-labelledby="upcoming-heading">
          {occurrences.map((o) => (
            <OccurrenceItem key={`${o.activity.id}@${o.originalStart}`} occurrence={o} />
          ))}
        </ol>
      )}
    </>
  );
}

function OccurrenceItem({ occurrence }: { occurrence: Occurrence }) {
  const { activity, startsAt } = occurrence;
  return (
    <li aria-label={activity.title}>
      <time dateTime={startsAt}>{when.format(new Date(startsAt))}</time> {activity.title}
      {activity.location && <span className="muted"> · {activity.location}</span>}
    </li>
  );
}

function setCurrentFocus(cache: ApolloCache, session: FocusSessionFieldsFragment | null) {
  cache.writeQuery({ query: CurrentFocusSessionDocument, data: { currentFocusSession: session } });
}

function FocusPanel() {
  const current = useQuery(CurrentFocusSessionDocument);
  const [start, starting] = useMutation(StartFocusSessionDocument, {
    update: (cache, { data }) => setCurrentFocus(cache, data?.startFocusSession ?? null),
  });
  const [finish, finishing] = useMutation(FinishFocusSessionDocument, {
    update: (cache) => setCurrentFocus(cache, null),
  });
  const session = current.data?.currentFocusSession ?? null;
  const failed = starting.error ?? finishing.error;

  return (
    <div className="focus" role="group" aria-labelledby="focus-heading">
      <h3 id="focus-heading">Focus</h3>
      {current.loading && !current.data && (
        <p role="status" className="status">
          Loading your focus session…
        </p>
      )}
      {current.error && !current.data && (
        <p role="alert" className="error">
          {describeError(current.error)}
        </p>
      )}
      {current.data && session === null && (
        <button
          type="button"
          className="primary"
          disabled={starting.loading}
          onClick={() =>
            void start({ variables: { input: { plannedMinutes: FOCUS_MINUTES } } }).catch(() => null)
          }
        >
          Start a {FOCUS_MINUTES}-minute focus
        </button>
      )}
      {session !== null && (
        <>
          <FocusTimer session={session} />
          <button
            type="button"
            disabled={finishing.loading}
            onClick={() => void finish({ variables: { input: { id: session.id } } }).catch(() => null)}
          >
            Finish focus
          </button>
        </>
      )}
      {failed && (
        <p role="alert" className="error">
          {describeError(failed)}
        </p>
      )}
    </div>
  );
}

function FocusTimer({ session }: { session: FocusSessionFieldsFragment }) {
  const [now, setNow] = useState(() => Date.now());
  const running = session.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  const clock = focusClock(session, now);
  const text =
    clock.remainingSeconds > 0
      ? `${clockText(clock.remainingSeconds)} left`
      : `${clockText(clock.overSeconds)} over`;
  return (
    // A timer role is not announced every second.
    <p className="timer" role="timer" aria-label="Focus timer">
      {running ? text : `Paused · ${text}`}
    </p>
  );
}
