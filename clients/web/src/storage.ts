import type { TokenStorage, Tokens } from "@lifegraph/shared";

const KEY = "lifegraph:session";

/** The web's token storage; a React Native app passes its secure store instead. */
export const browserTokenStorage: TokenStorage = {
  async load(): Promise<Tokens | null> {
    const stored = window.localStorage.getItem(KEY);
    if (stored === null) return null;
    try {
      return JSON.parse(stored) as Tokens;
    } catch {
      return null;
    }
  },
  async save(tokens: Tokens | null): Promise<void> {
    if (tokens === null) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(tokens));
  },
};
