import { ConnectorError } from '@annexa/core';
import { z } from 'zod';

/** What Annexa reads of a GaxiosError. Its `config` (which holds the Authorization header) is never touched. */
const gaxiosErrorShape = z.object({
  status: z.number().optional(),
  response: z
    .object({
      status: z.number(),
      headers: z.unknown().optional(),
      data: z.unknown(),
    })
    .optional(),
});

/** Google's JSON error body: `{ error: { code, message, errors: [{ reason }] } }`, or OAuth's `{ error, error_description }`. */
const googleErrorBody = z.object({
  error: z.union([
    z.object({
      message: z.string().optional(),
      status: z.string().optional(),
      errors: z.array(z.object({ reason: z.string().optional() })).optional(),
    }),
    z.string(),
  ]),
  error_description: z.string().optional(),
});

export interface FailedCall {
  method: string;
  /** Path and query, e.g. `/admin/directory/v1/users?customer=my_customer&maxResults=500`. */
  path: string;
}

export interface GoogleFailure {
  status: number | undefined;
  /** Google's machine reason (`userRateLimitExceeded`, `forbidden`, `invalid_grant` …), if any. */
  reason: string | undefined;
  /** Google's own message, one line, shortened. */
  message: string | undefined;
  /** Seconds from a Retry-After header, if any. */
  retryAfterSeconds: number | undefined;
}

const MAX_MESSAGE = 200;
const QUOTA_REASONS = new Set([
  'userRateLimitExceeded',
  'rateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
]);

/** The safe fields of a failure: status, reason, Google's message. Never a header, the token or the request. */
export function readFailure(error: unknown): GoogleFailure {
  const shape = gaxiosErrorShape.safeParse(error);
  const response = shape.success ? shape.data.response : undefined;
  const status = response?.status ?? (shape.success ? shape.data.status : undefined);
  const body = googleErrorBody.safeParse(response?.data);
  let reason: string | undefined;
  let message: string | undefined;
  if (body.success) {
    const { error: inner, error_description: description } = body.data;
    if (typeof inner === 'string') {
      reason = inner;
      message = description;
    } else {
      reason = inner.errors?.find((entry) => entry.reason)?.reason ?? inner.status;
      message = inner.message;
    }
  }
  return { status, reason, message: oneLine(message), retryAfterSeconds: retryAfter(response?.headers) };
}

/**
 * Whether a failure is a quota or load refusal worth waiting for: 429, 503 (the Reports API's "quota exceeded"),
 * or a 403 whose reason is a rate limit (Directory API per-user quota).
 */
export function isRetryable(failure: GoogleFailure): boolean {
  if (failure.status === 429 || failure.status === 503 || failure.status === 500) return true;
  return failure.status === 403 && failure.reason !== undefined && QUOTA_REASONS.has(failure.reason);
}

/**
 * Maps any failure of a Google call to a ConnectorError naming the method, the path, the status and Google's own
 * message, and what to do about it. Never a header, never the token, never the raw cause.
 */
export function toConnectorError(error: unknown, call: FailedCall, retried = false): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const where = `${call.method} ${call.path}`;
  if (error instanceof Error && error.name === 'AbortError') {
    return new ConnectorError('upstream', `Google request ${where} was aborted`);
  }
  const failure = readFailure(error);
  if (failure.status === undefined) {
    const reason = error instanceof Error ? oneLine(error.message) : undefined;
    return new ConnectorError(
      'upstream',
      `Google could not be reached for ${where}${reason ? `: ${reason}` : ''}`,
    );
  }
  const { status } = failure;
  const detail = [failure.reason, failure.message].filter(Boolean).join(': ');
  const said = `Google answered ${status} to ${where}${detail ? ` (${detail})` : ''}`;
  const options = { status, context: { method: call.method, path: call.path } };
  if (isRetryable(failure) && status !== 500 && status !== 503) {
    return new ConnectorError(
      'rate-limited',
      `${said}: quota still exceeded${retried ? ' after backing off and retrying' : ''}`,
      options,
    );
  }
  if (status === 401 || (status === 400 && isOAuthRefusal(failure.reason))) {
    return new ConnectorError(
      'auth',
      `${said}: the credentials were refused. For a service account, authorise its client id for the read-only ` +
        'scopes under Security → API controls → Domain-wide delegation, and set subject to an admin; an access ' +
        'token may have expired',
      options,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `${said}: the admin (subject) lacks the privilege, or a scope is not authorised; see docs/google-workspace.md`,
      options,
    );
  }
  if (status === 404) {
    return new ConnectorError('not-found', `${said}: check customer and domain in annexa.yaml`, options);
  }
  if (status === 400) {
    return new ConnectorError(
      'invalid-request',
      `${said}: Annexa sent a request Google refused (a bug)`,
      options,
    );
  }
  if (status >= 500) {
    return new ConnectorError(
      'upstream',
      `${said} (Google failed${retried ? '; retries exhausted' : ''})`,
      options,
    );
  }
  return new ConnectorError('upstream', `${said} (unexpected status)`, options);
}

function isOAuthRefusal(reason: string | undefined): boolean {
  return reason === 'invalid_grant' || reason === 'unauthorized_client' || reason === 'invalid_client';
}

function oneLine(text: string | undefined): string | undefined {
  const line = text?.split('\n', 1)[0]?.trim();
  if (!line) return undefined;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

function retryAfter(headers: unknown): number | undefined {
  let value: unknown;
  if (headers instanceof Headers) value = headers.get('retry-after');
  else if (headers && typeof headers === 'object')
    value = (headers as Record<string, unknown>)['retry-after'];
  const seconds = Number(value);
  return typeof value === 'string' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
