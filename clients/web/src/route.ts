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
  { path: "chat", label: "Chat" },
  { path: "insights", label: "Insights" },
  { path: "settings", label: "Settings" },
] as const;

export type RoutePath = (typeof ROUTES)[number]["path"];

/** The hash past `#/`, as the route's path and its query (`chat?conversation=…`). */
function parts(): [string, string] {
  const [path = "", query = ""] = window.location.hash.replace(/^#\/?/, "").split("?", 2);
  return [path, query];
}

function current(): RoutePath {
  const [path] = parts();
  return ROUTES.find((route) => route.path === path)?.path ?? "";
}

function currentQuery(): string {
  return parts()[1];
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, current);
}

/** One value of the route's query: what a screen opens on (`#/chat?conversation=…`). */
export function useRouteParam(name: string): string | null {
  return new URLSearchParams(useSyncExternalStore(subscribe, currentQuery)).get(name);
}

/** Go to a screen, opened on what `params` name; the back button returns. */
export function navigate(path: RoutePath, params: Record<string, string> = {}): void {
  const query = new URLSearchParams(params).toString();
  window.location.hash = `#/${path}${query ? `?${query}` : ""}`;
}
