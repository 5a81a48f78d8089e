import { useSyncExternalStore } from "react";

/**
 * The screens, addressed by the URL's hash (`#/today`): the server serves one page at
 * `/`, so a hash route survives a reload and the back button with no server routing.
 */
export const ROUTES = [
  { path: "", label: "Home" },
  { path: "today", label: "Today" },
  { path: "goals", label: "Goals" },
  { path: "calendar", label: "Calendar" },
  { path: "community", label: "Community" },
  { path: "insights", label: "Insights" },
  { path: "settings", label: "Settings" },
] as const;

export type RoutePath = (typeof ROUTES)[number]["path"];

function current(): RoutePath {
  const path = window.location.hash.replace(/^#\/?/, "");
  return ROUTES.find((route) => route.path === path)?.path ?? "";
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, current);
}
