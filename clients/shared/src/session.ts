/**
 * The signed-in session: tokens, their storage, and the silent refresh.
 *
 * No DOM: the web app stores tokens in IndexedDB, a React Native app in its secure
 * store, each through `TokenStorage`. Refresh tokens rotate and reusing an old one ends
 * the session (docs/auth.md), so at most one refresh is ever in flight: every caller
 * that needs a fresh token while one is running awaits that same refresh.
 */

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenStorage {
  load(): Promise<Tokens | null>;
  save(tokens: Tokens | null): Promise<void>;
}

/** What `register`, `login` and `refreshToken` answer (see AuthFields). */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Exchanges a refresh token; throws `SessionEnded` when the server refuses it. */
export type Refresher = (refreshToken: string) => Promise<AuthResult>;

/**
 * Runs `task` while no other holder of the same storage (another tab) runs one: the web
 * app passes the Web Locks API; an app with a single process passes nothing.
 */
export type Exclusive = <T>(task: () => Promise<T>) => Promise<T>;

const alone: Exclusive = (task) => task();

export class SessionEnded extends Error {}

/** Refresh this long before the access token expires, so no request carries a stale one. */
const EARLY_REFRESH_MS = 30_000;

export class Session {
  private tokens: Tokens | null;
  private refreshing: Promise<Tokens | null> | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly storage: TokenStorage,
    private readonly refresher: Refresher,
    initial: Tokens | null,
    private readonly exclusive: Exclusive,
    private readonly now: () => number,
  ) {
    this.tokens = initial;
  }

  static async open(
    storage: TokenStorage,
    refresher: Refresher,
    { exclusive = alone, now = Date.now }: { exclusive?: Exclusive; now?: () => number } = {},
  ): Promise<Session> {
    return new Session(storage, refresher, await storage.load(), exclusive, now);
  }

  /** Takes tokens another holder of the storage wrote (another tab signed in, out or renewed). */
  async reload(): Promise<void> {
    const stored = await this.storage.load();
    if (stored?.refreshToken === this.tokens?.refreshToken) return;
    this.tokens = stored;
    for (const listener of this.listeners) listener();
  }

  get current(): Tokens | null {
    return this.tokens;
  }

  /** For `useSyncExternalStore`: called whenever the session starts, renews or ends. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signedIn = (): boolean => this.tokens !== null;

  async signIn(auth: AuthResult): Promise<void> {
    await this.set(this.fromResult(auth));
  }

  async signOut(): Promise<void> {
    await this.set(null);
  }

  /** A usable access token, refreshed first if it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const tokens = this.tokens;
    if (tokens === null) return null;
    if (tokens.expiresAt - this.now() > EARLY_REFRESH_MS) return tokens.accessToken;
    const renewed = await this.refresh();
    return renewed?.accessToken ?? null;
  }

  /**
   * After the server refused `refused`: renews the tokens unless that already happened
   * since (an answer that arrives after another request's refresh must not rotate again).
   */
  async renewAfterRefusal(refused: string | null): Promise<Tokens | null> {
    if (this.refreshing !== null) return this.refreshing;
    if (this.tokens === null || this.tokens.accessToken !== refused) return this.tokens;
    return this.refresh();
  }

  /** Renews the tokens; concurrent callers share the one refresh in flight. */
  refresh(): Promise<Tokens | null> {
    if (this.refreshing === null) {
      this.refreshing = this.runRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private runRefresh(): Promise<Tokens | null> {
    // Other tabs share the refresh token: one renews at a time, and one that finds the
    // stored tokens already renewed by another takes those instead of reusing its own.
    const stale = this.tokens;
    return this.exclusive(async () => {
      await this.reload();
      const tokens = this.tokens;
      if (tokens === null || tokens.refreshToken !== stale?.refreshToken) return tokens;
      return this.exchange(tokens);
    });
  }

  private async exchange(tokens: Tokens): Promise<Tokens | null> {
    try {
      const renewed = this.fromResult(await this.refresher(tokens.refreshToken));
      // A sign-out while the refresh ran wins over its answer.
      if (this.tokens !== tokens) return this.tokens;
      await this.set(renewed);
      return renewed;
    } catch (error) {
      if (error instanceof SessionEnded) {
        await this.set(null);
        return null;
      }
      throw error;
    }
  }

  private fromResult(auth: AuthResult): Tokens {
    return {
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      expiresAt: this.now() + auth.expiresIn * 1000,
    };
  }

  private async set(tokens: Tokens | null): Promise<void> {
    this.tokens = tokens;
    await this.storage.save(tokens);
    for (const listener of this.listeners) listener();
  }
}
