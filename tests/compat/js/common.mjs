// Shared by the compat scripts: one JSON object per stdout line, bounded waits.
import readline from 'node:readline';

const lines = readline.createInterface({ input: process.stdin });
const waiting = [];
const buffered = [];
lines.on('line', (line) => {
  const next = waiting.shift();
  if (next) next(line);
  else buffered.push(line);
});

// The test drives the script's next step (e.g. after the subgraph saw the subscription).
export function nextLine() {
  if (buffered.length) return Promise.resolve(buffered.shift());
  return new Promise((resolve) => waiting.push(resolve));
}

export function emit(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export function within(seconds, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds}s: ${what}`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// What a client library reported as an error, in a form the test can assert on.
export function describe(error) {
  if (Array.isArray(error)) return { graphQLErrors: error };
  if (error && typeof error.code === 'number' && 'reason' in error) {
    return { closeCode: error.code, closeReason: error.reason };
  }
  // Apollo Client 4: GraphQL errors arrive as one CombinedGraphQLErrors.
  if (error?.name === 'CombinedGraphQLErrors' && Array.isArray(error.errors)) {
    return {
      message: error.message,
      graphQLErrors: error.errors.map((e) => ({
        message: e.message,
        path: e.path,
        extensions: e.extensions,
      })),
      networkError: null,
    };
  }
  if (error && Array.isArray(error.graphQLErrors)) {
    return {
      message: error.message,
      graphQLErrors: error.graphQLErrors.map((e) => ({
        message: e.message,
        path: e.path,
        extensions: e.extensions,
      })),
      networkError: error.networkError ? String(error.networkError) : null,
    };
  }
  return { message: String(error?.message ?? error) };
}

export async function main(run) {
  try {
    emit({ result: await run() });
    lines.close();
    process.exit(0);
  } catch (error) {
    emit({ failure: String(error?.stack ?? error) });
    process.exit(1);
  }
}
