import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  NotificationPreferencesDocument,
  UpdateNotificationPreferencesDocument,
  describeError,
} from "@lifegraph/shared";

const KINDS = {
  REMINDER: "Reminders",
  POST_LIKED: "Likes on your posts",
  POST_COMMENTED: "Comments on your posts",
  NEW_FOLLOWER: "New followers",
  ACHIEVEMENT: "Achievements",
  MESSAGE: "Chat messages",
} as const;
const CHANNELS = { IN_APP: "In the app", EMAIL: "Email", PUSH: "Push" } as const;
type Kind = keyof typeof KINDS;
type Channel = keyof typeof CHANNELS;

/** Which notifications reach you where, and the hours they keep quiet. */
export function NotificationSettingsScreen() {
  const preferences = useQuery(NotificationPreferencesDocument);
  // The mutation answers the whole preferences, a singleton in the cache (cache.ts).
  const [update, updating] = useMutation(UpdateNotificationPreferencesDocument);
  const current = preferences.data?.notificationPreferences;
  const enabled = (kind: Kind, channel: Channel) =>
    current?.channels.find((c) => c.kind === kind && c.channel === channel)?.enabled ?? false;

  return (
    <>
      <section className="card settings" aria-labelledby="channels-heading">
        <h2 id="channels-heading">Notifications</h2>
        {preferences.loading && !current && (
          <p role="status" className="status">
            Loading your preferences…
          </p>
        )}
        {preferences.error && !current && (
          <p role="alert" className="error">
            {describeError(preferences.error)}{" "}
            <button type="button" onClick={() => void preferences.refetch()}>
              Try again
            </button>
          </p>
        )}
        {current && (
          <table>
            <thead>
              <tr>
                <th scope="col">Notify me of</th>
                {Object.values(CHANNELS).map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(Object.keys(KINDS) as Kind[]).map((kind) => (
                <tr key={kind}>
                  <th scope="row">{KINDS[kind]}</th>
                  {(Object.keys(CHANNELS) as Channel[]).map((channel) => (
                    <td key={channel}>
                      <input
                        type="checkbox"
                        aria-label={`${KINDS[kind]}: ${CHANNELS[channel]}`}
                        checked={enabled(kind, channel)}
                        disabled={updating.loading}
                        onChange={(e) => {
                          const setting = { kind, channel, enabled: e.target.checked };
                          void update({ variables: { input: { channels: [setting] } } }).catch(
                            () => null,
                          );
                        }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {updating.error && (
          <p role="alert" className="error">
            {describeError(updating.error)}
          </p>
        )}
      </section>
      {current && (
        <QuietHoursForm
          key={`${current.quietHours?.start}-${current.quietHours?.end}`}
          quietHours={current.quietHours ?? null}
        />
      )}
    </>
  );
}

function QuietHoursForm({ quietHours }: { quietHours: { start: string; end: string } | null }) {
  const [start, setStart] = useState(quietHours?.start ?? "22:00");
  const [end, setEnd] = useState(quietHours?.end ?? "07:00");
  const [update, { loading, error }] = useMutation(UpdateNotificationPreferencesDocument);

  function submit(event: FormEvent) {
    event.preventDefault();
    void update({ variables: { input: { quietHours: { start, end } } } }).catch(() => null);
  }

  return (
    <section className="card" aria-labelledby="quiet-heading">
      <h2 id="quiet-heading">Quiet hours</h2>
      <p className="muted" aria-live="polite">
        {quietHours
          ? `Quiet from ${quietHours.start} to ${quietHours.end}, your local time.`
          : "No quiet hours: notifications arrive at any time."}
      </p>
      <form className="inline-form" aria-labelledby="quiet-heading" onSubmit={submit}>
        <label>
          From
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
        </label>
        <label>
          To
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={loading}>
          Save quiet hours
        </button>
        {quietHours && (
          <button
            type="button"
            disabled={loading}
            onClick={() =>
              void update({ variables: { input: { clearQuietHours: true } } }).catch(() => null)
            }
          >
            Turn off quiet hours
          </button>
        )}
        {error && (
          <p role="alert" className="error">
            {describeError(error)}
          </p>
        )}
      </form>
    </section>
  );
}
