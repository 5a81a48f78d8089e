import { useQuery } from "@apollo/client";
import { useState } from "react";

import {
  type GoalFieldsFragment,
  UpcomingDocument,
  type UpcomingQuery,
  describeError,
  localDay,
  tasksDue,
  upcomingWindow,
} from "@lifegraph/shared";

// Enough for a glance; the week view is the Calendar's.
const UPCOMING_SHOWN = 5;
const when = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

type Occurrence = UpcomingQuery["calendar"][number];

/** Tasks due today (and overdue) from the goals already loaded, and the week's calendar. */
export function TodaySection({ goals }: { goals: GoalFieldsFragment[] }) {
  // Fixed for the page's life: a window that moved on every render would refetch.
  const [now] = useState(() => new Date());
  const upcoming = useQuery(UpcomingDocument, { variables: upcomingWindow(now) });
  const due = tasksDue(goals, localDay(now));
  const occurrences = upcoming.data?.calendar.slice(0, UPCOMING_SHOWN) ?? [];

  return (
    <section className="card today" aria-labelledby="today-heading">
      <h2 id="today-heading">Today</h2>
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
    </section>
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
