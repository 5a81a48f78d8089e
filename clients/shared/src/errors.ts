/**
 * What a person reads when an operation fails, chosen by the error's `extensions.code`
 * (the codes of common/errors.py), never by parsing its message.
 */
import { CombinedGraphQLErrors, ServerError } from "@apollo/client";
import type { GraphQLFormattedError } from "graphql";

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: "Please sign in again.",
  UNAUTHORIZED_FIELD_OR_TYPE: "Please sign in to see this.",
  FORBIDDEN: "You are not allowed to do that.",
  NOT_FOUND: "That no longer exists.",
  CONFLICT: "That clashes with something that already exists.",
  RATE_LIMITED: "Too many requests just now; try again in a moment.",
  UNAVAILABLE: "LifeGraph is briefly unavailable; try again in a moment.",
  PAYLOAD_TOO_LARGE: "That is too large to send.",
  TOTP_REQUIRED: "Enter the code from your authenticator app.",
  UPLOAD_TYPE_NOT_ALLOWED: "That kind of file is not allowed here.",
  UPLOAD_TOO_LARGE: "That file is too large.",
  UPLOAD_CHECKSUM_MISMATCH: "The file did not arrive intact; try again.",
  UPLOAD_EXPIRED: "The upload took too long; try again.",
  MEDIA_IN_USE: "That photo is already on another post.",
};

/** The codes of a failed operation's GraphQL errors, in order. */
export function errorCodes(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
}

/** A sentence for a person. BAD_USER_INPUT keeps the server's text: it names the field. */
export function describeError(error: unknown): string {
  const first = graphQLErrorsOf(error)[0];
  if (first !== undefined) {
    const code = String(first.extensions?.code ?? "");
    if (code === "BAD_USER_INPUT") return first.message;
    return MESSAGES[code] ?? first.message;
  }
  if (ServerError.is(error)) return `LifeGraph answered with an error (${error.statusCode}).`;
  // What `fetch` throws when the request never got an answer.
  if (error instanceof TypeError) return "Cannot reach LifeGraph; check the connection.";
  return error instanceof Error ? error.message : "Something went wrong.";
}

export function hasCode(error: unknown, code: string): boolean {
  return errorCodes(graphQLErrorsOf(error)).includes(code);
}

/** The router refused the operation's access token: a renewed one may pass. */
export function isTokenRefusal(error: unknown): boolean {
  return hasCode(error, "UNAUTHENTICATED");
}

/**
 * The GraphQL errors of a failed operation: Apollo's combined errors, or the body of a
 * non-2xx answer Apollo did not read as GraphQL (a 401 sent as plain `application/json`).
 */
function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body: unknown = JSON.parse(error.bodyText);
      if (isObject(body) && Array.isArray(body.errors)) return body.errors as GraphQLFormattedError[];
    } catch {
      // Not JSON (a proxy's error page): no codes to read.
    }
  }
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
