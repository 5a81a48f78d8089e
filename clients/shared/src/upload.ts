/**
 * Files as docs/clients.md describes them: a presigned URL from `createUpload`, the bytes
 * PUT straight to storage (never through /graphql), then `completeUpload`, which checks
 * size, SHA-256 and the real type. No DOM: the app brings the bytes and a SHA-256
 * function (the browser's `crypto.subtle`, `expo-crypto` in React Native).
 */
import type { ApolloClient } from "@apollo/client";

import { hasCode } from "./errors";
import type { CompleteUploadMutation, Purpose } from "./gql/graphql";
import { CompleteUploadDocument, CreateUploadDocument } from "./operations";

export interface FileToUpload {
  bytes: ArrayBuffer;
  contentType: string;
  purpose: Purpose;
}

/** Lower-case hex SHA-256 of exactly the bytes that will be sent. */
export type Sha256Hex = (bytes: ArrayBuffer) => Promise<string>;

export type UploadedMedia = CompleteUploadMutation["completeUpload"];

/** Storage refused the PUT itself (403: the URL expired or its headers were changed). */
export class UploadRefused extends Error {
  constructor(readonly status: number) {
    super(
      status === 403
        ? "The upload link expired; try again."
        : `Storage refused the file (${status}); try again.`,
    );
    this.name = "UploadRefused";
  }
}

/** Upload one file and return it as verified Media; GraphQL refusals throw as Apollo's. */
export async function uploadFile(
  client: ApolloClient,
  file: FileToUpload,
  sha256: Sha256Hex,
): Promise<UploadedMedia> {
  const checksumSha256 = await sha256(file.bytes);
  const created = await client.mutate({
    mutation: CreateUploadDocument,
    variables: {
      input: {
        purpose: file.purpose,
        contentType: file.contentType,
        byteSize: file.bytes.byteLength,
        checksumSha256,
      },
    },
  });
  const upload = created.data?.createUpload;
  if (!upload) throw new Error("createUpload answered without an upload");
  const put = await fetch(upload.url, {
    method: "PUT",
    headers: stringHeaders(upload.headers),
    body: file.bytes,
  });
  if (!put.ok) throw new UploadRefused(put.status);
  const completed = await client.mutate({
    mutation: CompleteUploadDocument,
    variables: { input: { uploadId: upload.uploadId } },
  });
  if (!completed.data) throw new Error("completeUpload answered without media");
  return completed.data.completeUpload;
}

/**
 * Run `attach` (createPost, updateProfile, sendMessage with media ids), again while it
 * answers NOT_FOUND: the subgraph that takes the ids learns of a completed upload by
 * event, a moment after `completeUpload` answered.
 */
export async function attachWhenKnown<T>(
  attach: () => Promise<T>,
  delaysMs: readonly number[] = [200, 500, 1000, 2000],
): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await attach();
    } catch (error) {
      if (!hasCode(error, "NOT_FOUND")) throw error;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, delay));
  }
  return attach();
}

/** `createUpload`'s headers (a JSON object of name to value), as `fetch` takes them. */
function stringHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== "object" || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).map(([name, value]) => [name, String(value)]),
  );
}
