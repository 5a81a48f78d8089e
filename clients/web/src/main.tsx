import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { Session, createLifeGraphClient, graphQLRefresher } from "@lifegraph/shared";

import { App } from "./App";
import { browserTokenStorage } from "./storage";
import "./styles.css";

// The app is served by the router it talks to (or proxied to it by Vite's dev server).
const httpUrl = new URL("/graphql", window.location.href).toString();
const wsUrl = httpUrl.replace(/^http/, "ws");

void Session.open(browserTokenStorage, graphQLRefresher(httpUrl)).then((session) => {
  const client = createLifeGraphClient({ httpUrl, wsUrl }, session);
  const root = document.getElementById("root");
  if (root === null) throw new Error("index.html has no #root");
  createRoot(root).render(
    <StrictMode>
      <App session={session} client={client} />
    </StrictMode>,
  );
});
