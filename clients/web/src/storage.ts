import type { TokenStorage, Tokens } from "@lifegraph/shared";

export const SESSION_KEY = "lifegraph:session";

/** The web's token storage; a React Native app passes its secure store instead. */
export const browserTokenStorage: TokenStorage = {
  async load(): Promise<Tokens | null> {
    const stored = window.localStorage.getItem(SESSION_KEY);
    if (stored === null) return null;
    try {
      return JSON.parse(stored) as Tokens;
    } catch {
      return null;
    }
  },
  async save(tokens: Tokens | null): Promise<void> {
    if (tokens === null) window.localStorage.removeItem(SESSION_KEY);
    else window.localStorage.setItem(SESSION_KEY, JSON.stringify(tokens));
  },
};

/** One refresh at a time across this browser's tabs (they share the refresh token). */
export async function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await navigator.locks.request("lifegraph:refresh", async () => {
    result = await task();
  });
  return result as T;
}
