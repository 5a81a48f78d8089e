import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  CreateActivityDocument,
  REPEATS,
  RotateCalendarFeedDocument,
  UpcomingDocument,
  byDay,
  defaultSpan,
  describeError,
  fromLocalInput,
  movedEnd,
  weekDays,
  weekOffset,
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
      <NewActivityForm onCreated={(at) => setOffset(weekOffset(today, at))} />
      <FeedLink />
    </>
  );
}

/** A new activity, once or repeating; the week view then shows the week it starts in. */
function NewActivityForm({ onCreated }: { onCreated: (startsAt: Date) => void }) {
  const [title, setTitle] = useState("");
  const [span, setSpan] = useState(() => defaultSpan(new Date()));
  const [location, setLocation] = useState("");
  const [repeat, setRepeat] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const [createActivity, { loading, error }] = useMutation(CreateActivityDocument, {
    // Every cached window (this week, others seen, Today's) may now hold it: the
    // watched ones fetch again, the others when next shown.
    update(cache) {
      cache.evict({ id: "ROOT_QUERY", fieldName: "calendar" });
      cache.gc();
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const start = fromLocalInput(span.start);
    const end = fromLocalInput(span.end);
    if (start === null || end === null) return;
    const created = await createActivity({
      variables: {
        input: {
          title,
          startsAt: start.toISOString(),
          endsAt: end.toISOString(),
          location: location.trim() || null,
          recurrence: REPEATS[repeat]?.rule ?? null,
          // A rule repeats in wall time: "every day at 7" stays at 7 in this zone.
          timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      },
    }).catch(() => null);
    if (!created?.data) return;
    setAdded(created.data.createActivity.title);
    setTitle("");
    setSpan(defaultSpan(new Date()));
    setLocation("");
    setRepeat(0);
    onCreated(start);
  }

  return (
    <section className="card new-activity" aria-labelledby="new-activity-heading">
      <h2 id="new-activity-heading">New activity</h2>
      <form className="activity-form" aria-labelledby="new-activity-heading" onSubmit={submit}>
        <label className="wide">
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          Starts
          <input
            type="datetime-local"
            value={span.start}
            required
            onChange={(e) => {
              const start = e.target.value;
              setSpan(({ start: was, end }) => ({ start, end: movedEnd(was, end, start) }));
            }}
          />
        </label>
        <label>
          Ends
          <input
            type="datetime-local"
            value={span.end}
            required
            onChange={(e) => {
              const end = e.target.value;
              setSpan(({ start }) => ({ start, end }));
            }}
          />
        </label>
        <label>
          Location (optional)
          <input value={location} onChange={(e) => setLocation(e.target.value)} />
        </label>
        <label>
          Repeats
          <select value={repeat} onChange={(e) => setRepeat(Number(e.target.value))}>
            {REPEATS.map((r, i) => (
              <option key={r.label} value={i}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <div className="wide form-end">
          <button type="submit" className="primary" disabled={loading}>
            Add activity
          </button>
          {added && (
            <p role="status" className="ok">
              Added {added}.
            </p>
          )}
        </div>
        {error && (
          <p role="alert" className="error wide">
            {describeError(error)}
          </p>
        )}
      </form>
    </section>
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
