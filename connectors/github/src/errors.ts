import { ConnectorError } from '@annexa/core';
import { z } from 'zod';

/** What Annexa reads of an Octokit RequestError. Its `request.headers` (the token) are never touched. */
const requestErrorShape = z.object({
  status: z.number(),
  request: z.object({ method: z.string(), url: z.string() }).optional(),
  response: z
    .object({
      headers: z.record(z.string(), z.unknown()).optional(),
      data: z.unknown(),
    })
    .optional(),
});

const graphqlErrorShape = z.object({
  name: z.literal('GraphqlResponseError'),
  errors: z.array(z.object({ message: z.string(), type: z.string().optional() })).min(1),
});
const githubMessageShape = z.object({ message: z.string() });

export interface FailedCall {
  method: string;
  /** Path and query relative to the API root, e.g. `/orgs/acme/members?filter=2fa_disabled&per_page=100`. */
  path: string;
  /** Replaces the generic advice for a refusal (403, or the 422 GitHub sends for owner-only filters). */
  forbiddenHint?: string;
}

const MAX_MESSAGE = 200;

/**
 * Maps any failure of a GitHub call to a ConnectorError whose message holds the method, the path, the status
 * and GitHub's own `message`, and what to do about it. Never a header, never the token, never the raw cause.
 */
export function toConnectorError(error: unknown, call: FailedCall): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const where = `${call.method} ${call.path}`;
  if (error instanceof Error && error.name === 'AbortError') {
    return new ConnectorError('upstream', `GitHub request ${where} was aborted`);
  }
  const graphqlErrors = graphqlErrorShape.safeParse(error);
  if (graphqlErrors.success) {
    // GraphQL reports most failures as HTTP 200 with an `errors` list (Octokit's GraphqlResponseError).
    const said = graphqlErrors.data.errors
      .slice(0, 3)
      .map((entry) => entry.message.split('\n', 1)[0]?.slice(0, MAX_MESSAGE))
      .join('; ');
    const types = new Set(graphqlErrors.data.errors.map((entry) => entry.type));
    const code = types.has('FORBIDDEN') ? 'forbidden' : types.has('NOT_FOUND') ? 'not-found' : 'upstream';
    return new ConnectorError(code, `GitHub's GraphQL API answered ${where} with errors: ${said}`, {
      context: { method: call.method, path: call.path },
    });
  }
  const shape = requestErrorShape.safeParse(error);
  if (!shape.success) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    return new ConnectorError('upstream', `GitHub request ${where} failed: ${reason}`);
  }
  const { status, response } = shape.data;
  if (!response) {
    // Octokit reports a network failure as status 500 with no response.
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'network error';
    return new ConnectorError('upstream', `GitHub could not be reached for ${where}: ${reason}`);
  }
  const githubMessage = readMessage(response.data);
  const said = `GitHub answered ${status} to ${where}${githubMessage ? `: ${githubMessage}` : ''}`;
  const options = { status, context: { method: call.method, path: call.path } };

  if (isRateLimit(status, response.headers ?? {}, githubMessage)) {
    return new ConnectorError(
      'rate-limited',
      `${said} (rate limit still exceeded after waiting and retrying)`,
      options,
    );
  }
  if (status === 401) {
    return new ConnectorError(
      'auth',
      `${said}: the token is invalid or expired; update it in annexa.yaml`,
      options,
    );
  }
  if (status === 403 || (status === 422 && call.forbiddenHint !== undefined)) {
    const hint = call.forbiddenHint ?? 'the token lacks a permission this request needs';
    return new ConnectorError('forbidden', `${said}: ${hint}`, options);
  }
  if (status === 404) {
    return new ConnectorError(
      'not-found',
      `${said}: it does not exist or the token cannot see it (check the org name and the token's access)`,
      options,
    );
  }
  if (status === 400 || status === 422) {
    return new ConnectorError(
      'invalid-request',
      `${said}: Annexa sent a request GitHub refused (a bug)`,
      options,
    );
  }
  if (status >= 500) {
    return new ConnectorError('upstream', `${said} (GitHub failed; retries exhausted)`, options);
  }
  return new ConnectorError('upstream', `${said} (unexpected status)`, options);
}

function readMessage(data: unknown): string | undefined {
  const parsed = githubMessageShape.safeParse(data);
  if (!parsed.success) return undefined;
  const line = parsed.data.message.split('\n', 1)[0]?.trim() ?? '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

function isRateLimit(status: number, headers: Record<string, unknown>, message: string | undefined): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return headers['x-ratelimit-remaining'] === '0' || /\brate limit\b/i.test(message ?? '');
}
