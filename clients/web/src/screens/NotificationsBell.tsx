import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useId, useState } from "react";

import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
  describeError,
} from "@lifegraph/shared";

/** The unread count, live over the WebSocket, and the latest notifications on demand. */
export function NotificationsBell() {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const notifications = useQuery(NotificationsDocument);
  // A new notification may also regroup older ones ("3 people liked…"): ask again
  // rather than patch the list and the count by hand.
  useSubscription(NotificationAddedDocument, {
    onData: () => void notifications.refetch(),
  });
  const [markAllRead, marking] = useMutation(MarkAllNotificationsReadDocument, {
    refetchQueries: [NotificationsDocument],
  });
  const [markRead, markingOne] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [NotificationsDocument],
  });
  const unread = notifications.data?.unreadNotificationCount ?? 0;
  const markFailure = markingOne.error ?? marking.error;

  return (
    <div className="bell">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Notifications{" "}
        <span className="count" aria-live="polite" aria-label={`${unread} unread`}>
          {unread}
        </span>
      </button>
      {open && (
        <div id={panelId} className="card bell-panel" role="region" aria-label="Notifications">
          {notifications.loading && !notifications.data && <p role="status">Loading…</p>}
          {markFailure && (
            <p role="alert" className="error">
              {describeError(markFailure)}
            </p>
          )}
          {notifications.error && (
            <p role="alert" className="error">
              {describeError(notifications.error)}
            </p>
          )}
          {notifications.data && notifications.data.notifications.nodes.length === 0 && (
            <p className="empty">Nothing yet.</p>
          )}
          <ul>
            {notifications.data?.notifications.nodes.map((n) => (
              <li key={n.id} className={n.read ? "read" : "unread"} aria-label={n.title}>
                <strong>{n.title}</strong>
                <p>{n.body}</p>
                {!n.read && (
                  <button
                    type="button"
                    disabled={markingOne.loading}
                    onClick={() =>
                      void markRead({ variables: { input: { ids: [n.id] } } }).catch(() => null)
                    }
                  >
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={unread === 0 || marking.loading}
            onClick={() => void markAllRead().catch(() => null)}
          >
            Mark all read
          </button>
        </div>
      )}
    </div>
  );
}
