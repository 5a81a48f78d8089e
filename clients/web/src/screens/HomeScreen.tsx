import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { Suspense, lazy } from "react";

import {
  GoalChangedDocument,
  HabitChangedDocument,
  HomeDocument,
  type LifeGraphClient,
  LogoutDocument,
  describeError,
} from "@lifegraph/shared";

import { useSession } from "../App";
import { ROUTES, useRoute } from "../route";
import { CalendarScreen } from "./CalendarScreen";
import { ChatSection } from "./ChatSection";
import { CommunityScreen } from "./CommunityScreen";
import { FeedSection } from "./FeedSection";
import { GoalsSection } from "./GoalsSection";
import { HabitsSection } from "./HabitsSection";
import { NotificationSettingsScreen } from "./NotificationSettingsScreen";
import { NotificationsBell } from "./NotificationsBell";
import { ProfilePhotoSection } from "./ProfilePhotoSection";
import { TodayScreen } from "./TodayScreen";
import { TwoStepSection } from "./TwoStepSection";

// The chart library loads with the Insights screen, not with the first page.
const InsightsScreen = lazy(() => import("./InsightsScreen"));

export function HomeScreen({ client }: { client: LifeGraphClient }) {
  const session = useSession();
  const apollo = useApolloClient();
  const home = useQuery(HomeDocument);
  const [logout] = useMutation(LogoutDocument);
  const me = home.data?.me;
  const route = useRoute();

  // Live sync: an edit made on another device updates its goal or habit in the cache by
  // itself; one that adds or removes one changes the lists, which are read again.
  const known = (ids: { id: string }[] | undefined, id: string) =>
    ids?.some((item) => item.id === id) ?? false;
  useSubscription(GoalChangedDocument, {
    skip: !me,
    onData: ({ data }) => {
      const change = data.data?.goalChanged;
      if (change && (change.deleted || !known(me?.goals.nodes, change.goalId))) {
        void home.refetch();
      }
    },
  });
  useSubscription(HabitChangedDocument, {
    skip: !me,
    onData: ({ data }) => {
      const change = data.data?.habitChanged;
      if (change && (change.deleted || !known(me?.habits.nodes, change.habitId))) {
        void home.refetch();
      }
    },
  });

  async function signOut() {
    const refreshToken = session.current?.refreshToken;
    // Ending the session on the server is best effort: signing out here always succeeds.
    if (refreshToken) await logout({ variables: { input: { refreshToken } } }).catch(() => null);
    await session.signOut();
    client.socket.terminate();
    await apollo.clearStore();
  }

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">LifeGraph</span>
        <span className="who" aria-live="polite">
          {me ? `Hello, ${me.displayName}` : ""}
        </span>
        <NotificationsBell />
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label="Screens">
        {ROUTES.map(({ path, label }) => (
          <a key={path} href={`#/${path}`} aria-current={route === path ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <main className="home">
        {home.loading && !me && (
          <p role="status" className="status">
            Loading your goals and habits…
          </p>
        )}
        {home.error && !me && (
          <p role="alert" className="error">
            {describeError(home.error)}{" "}
            <button type="button" onClick={() => void home.refetch()}>
              Try again
            </button>
          </p>
        )}
        {route === "" && (
          <>
            {me && (
              <>
                <GoalsSection viewerId={me.id} goals={me.goals.nodes} />
                <HabitsSection viewerId={me.id} habits={me.habits.nodes} />
              </>
            )}
            <FeedSection viewerId={me?.id} />
            {me && <ChatSection viewerId={me.id} />}
          </>
        )}
        {route === "goals" && me && <GoalsSection viewerId={me.id} goals={me.goals.nodes} />}
        {route === "today" && me && <TodayScreen goals={me.goals.nodes} habits={me.habits.nodes} />}
        {route === "calendar" && <CalendarScreen />}
        {route === "community" && me && <CommunityScreen viewerId={me.id} goals={me.goals.nodes} />}
        {route === "chat" && me && <ChatSection viewerId={me.id} />}
        {route === "insights" && (
          <Suspense
            fallback={
              <p role="status" className="status">
                Loading your insights…
              </p>
            }
          >
            <InsightsScreen />
          </Suspense>
        )}
        {route === "settings" && (
          <>
            {me && <ProfilePhotoSection viewer={me} />}
            <NotificationSettingsScreen />
            {me && <TwoStepSection viewer={me} />}
          </>
        )}
      </main>
    </div>
  );
}
