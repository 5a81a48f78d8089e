import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { Session, createLifeGraphClient, graphQLRefresher } from "@lifegraph/shared";

import { App } from "./App";
import { acrossTabs, browserTokenStorage } from "./storage";
import "./styles.css";

// The app is served by the router it talks to (or proxied to it by Vite's dev server).
const httpUrl = new URL("/graphql", window.location.href).toString();
const wsUrl = httpUrl.replace(/^http/, "ws");

const storage = browserTokenStorage();
const opening = Session.open(storage, graphQLRefresher(httpUrl), {
  exclusive: acrossTabs,
});
void opening.then((session) => {
  // Another tab signed in, out, or renewed the tokens: follow it.
  storage.onChange(() => void session.reload());
  const client = createLifeGraphClient({ httpUrl, wsUrl }, session);
  const root = document.getElementById("root");
  if (root === null) throw new Error("index.html has no #root");
  createRoot(root).render(
    <StrictMode>
      <App session={session} client={client} />
    </StrictMode>,
  );
});
