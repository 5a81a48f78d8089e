/**
 * What a person reads when an operation fails, chosen by the error's `extensions.code`
 * (the codes of common/errors.py), never by parsing its message.
 */
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
};

/** The codes of a failed operation's GraphQL errors, in order. */
export function errorCodes(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
}

/** A sentence for a person. BAD_USER_INPUT keeps the server's text: it names the field. */
export function describeError(error: unknown): string {
  const graphQLErrors = graphQLErrorsOf(error);
  const first = graphQLErrors[0];
  if (first !== undefined) {
    const code = String(first.extensions?.code ?? "");
    if (code === "BAD_USER_INPUT") return first.message;
    return MESSAGES[code] ?? first.message;
  }
  if (isObject(error) && "networkError" in error && error.networkError) {
    return "Cannot reach LifeGraph; check the connection.";
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}

export function hasCode(error: unknown, code: string): boolean {
  return errorCodes(graphQLErrorsOf(error)).includes(code);
}

function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (isObject(error) && "graphQLErrors" in error && Array.isArray(error.graphQLErrors)) {
    return error.graphQLErrors as GraphQLFormattedError[];
  }
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
