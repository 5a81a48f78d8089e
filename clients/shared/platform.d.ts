// What the shared core may use beyond ECMAScript: only what browsers and React Native
// both provide. The shared type check runs without the DOM's types, so an accidental
// `document`, `window` or `localStorage` in clients/shared fails it.
declare function fetch(
  input: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string | ArrayBuffer },
): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

declare function setTimeout(handler: () => void, milliseconds: number): unknown;
