import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";

import {
  RotateCalendarFeedDocument,
  UpcomingDocument,
  byDay,
  describeError,
  weekDays,
  weekStart,
  weekWindow,
} from "@lifegraph/shared";

const dayName = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const weekName = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" });

/** The week's activities and their occurrences, and the `.ics` subscription link. */
export function CalendarScreen() {
  const [today] = useState(() => new Date());
  const [offset, setOffset] = useState(0);
  const start = weekStart(today, offset);
  const days = weekDays(start);
  // The same document as Today's "Coming up", over the week's window.
  const week = useQuery(UpcomingDocument, { variables: weekWindow(start) });
  const columns = byDay(week.data?.calendar ?? [], days);

  return (
    <>
      <section className="card calendar" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Calendar</h2>
        <div className="week-nav" role="group" aria-label="Week">
          <button type="button" onClick={() => setOffset(offset - 1)}>
            Previous week
          </button>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(0)}>
            This week
          </button>
          <button type="button" onClick={() => setOffset(offset + 1)}>
            Next week
          </button>
        </div>
        <p className="muted" aria-live="polite">
          Week of {weekName.format(start)}
        </p>
        {week.loading && !week.data && (
          <p role="status" className="status">
            Loading the week…
          </p>
        )}
        {week.error && !week.data && (
          <p role="alert" className="error">
            {describeError(week.error)}{" "}
            <button type="button" onClick={() => void week.refetch()}>
              Try again
            </button>
          </p>
        )}
        <ol className="week" aria-label="Days">
          {days.map((day, i) => (
            <li
              key={day.toISOString()}
              aria-label={dayName.format(day)}
              aria-current={day.toDateString() === today.toDateString() ? "date" : undefined}
              className="day"
            >
              <h3>{dayName.format(day)}</h3>
              {(columns[i] ?? []).length === 0 ? (
                <p className="empty">Free</p>
              ) : (
                <ul>
                  {(columns[i] ?? []).map((o) => (
                    <li key={`${o.activity.id}@${o.originalStart}`} aria-label={o.activity.title}>
                      <time dateTime={o.startsAt}>{time.format(new Date(o.startsAt))}</time>{" "}
                      {o.activity.title}
                      {o.activity.location && <span className="muted"> · {o.activity.location}</span>}
                      {o.moved && <span className="badge">moved</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      <FeedLink />
    </>
  );
}

function FeedLink() {
  const [rotate, { data, loading, error }] = useMutation(RotateCalendarFeedDocument);
  const path = data?.rotateCalendarFeed.path;
  // The router serves the feed beside /graphql, at the app's own origin.
  const url = path ? new URL(path, window.location.origin).toString() : null;
  return (
    <section className="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Subscribe in your calendar app</h2>
      <p className="muted">
        A secret address for Google Calendar, Apple Calendar or Outlook. A new one stops the old
        one working.
      </p>
      <button
        type="button"
        className="primary"
        disabled={loading}
        onClick={() => void rotate().catch(() => null)}
      >
        {url ? "Replace the subscription link" : "Get a subscription link"}
      </button>
      {url && (
        <label>
          Subscription link (.ics)
          <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </section>
  );
}
