import type { TokenStorage, Tokens } from "@lifegraph/shared";

/**
 * The web's token storage: IndexedDB, shared by every tab of this origin.
 *
 * Not localStorage: Chromium gives each renderer its own copy of localStorage and
 * syncs the copies asynchronously, so a tab that takes the refresh lock right after
 * another tab released it could still read the refresh token the other just rotated,
 * send it again, and have the server end the session for the reuse (docs/auth.md).
 * An IndexedDB read is served by the browser process: a `save` resolves only once its
 * transaction committed, so a read started after it sees the new pair in every tab.
 */
export const SESSION_DB = "lifegraph";
export const SESSION_STORE = "session";
export const SESSION_KEY = "tokens";
/** Tells the other tabs that the stored tokens changed (signed in, renewed, signed out). */
export const SESSION_CHANNEL = "lifegraph:session";

function request<T>(pending: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result);
    pending.onerror = () => reject(pending.error);
  });
}

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= (() => {
    const opening = indexedDB.open(SESSION_DB, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(SESSION_STORE);
    return request(opening);
  })();
  return opened;
}

async function transaction(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest,
): Promise<unknown> {
  const tx = (await database()).transaction(SESSION_STORE, mode, { durability: "strict" });
  const result = request<unknown>(work(tx.objectStore(SESSION_STORE)));
  // Resolve on the commit, not on the request: only then do other tabs read the write.
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return result;
}

/** Storage for `Session`; `onChange` hears what other tabs saved. */
export function browserTokenStorage(): TokenStorage & {
  onChange(listener: () => void): void;
} {
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  return {
    async load(): Promise<Tokens | null> {
      const stored = await transaction("readonly", (store) => store.get(SESSION_KEY));
      return (stored as Tokens | undefined) ?? null;
    },
    async save(tokens: Tokens | null): Promise<void> {
      await transaction("readwrite", (store) =>
        tokens === null ? store.delete(SESSION_KEY) : store.put(tokens, SESSION_KEY),
      );
      // After the commit: a tab that hears it reads the new pair.
      channel.postMessage("changed");
    },
    onChange(listener: () => void): void {
      channel.onmessage = () => listener();
    },
  };
}

/** One refresh at a time across this browser's tabs (they share the refresh token). */
export async function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await navigator.locks.request("lifegraph:refresh", async () => {
    result = await task();
  });
  return result as T;
}
