import { ApolloProvider } from "@apollo/client/react";
import { createContext, useContext, useSyncExternalStore } from "react";

import type { LifeGraphClient, Session } from "@lifegraph/shared";

import { AuthScreen } from "./screens/AuthScreen";
import { HomeScreen } from "./screens/HomeScreen";

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside <App>");
  return session;
}

export function App({ session, client }: { session: Session; client: LifeGraphClient }) {
  const signedIn = useSyncExternalStore(session.subscribe, session.signedIn);
  return (
    <SessionContext.Provider value={session}>
      <ApolloProvider client={client.apollo}>
        {signedIn ? <HomeScreen client={client} /> : <AuthScreen />}
      </ApolloProvider>
    </SessionContext.Provider>
  );
}
