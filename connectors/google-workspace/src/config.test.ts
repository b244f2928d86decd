import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeGoogleWorkspace, googleWorkspaceConfigSchema } from './config.js';
import { isRetryable, readFailure, toConnectorError } from './errors.js';

const base = { name: 'acme', type: 'google-workspace', domain: 'acme.example' };

describe('google-workspace config', () => {
  test('an access token alone, or a key file with a subject; customer defaults to my_customer', () => {
    expect(googleWorkspaceConfigSchema.parse({ ...base, accessToken: 'ya29.x' }).customer).toBe(
      'my_customer',
    );
    const sa = googleWorkspaceConfigSchema.parse({
      ...base,
      customer: 'C03az79cb',
      serviceAccountKeyFile: './sa.json',
      subject: 'admin@acme.example',
      scope: { orgUnits: { include: ['/Engineering'], exclude: ['/Engineering/Contractors'] } },
    });
    expect(sa.subject).toBe('admin@acme.example');
    expect(describeGoogleWorkspace(sa)).toBe('workspace/acme.example');
  });

  test.each([
    [{}, 'serviceAccountKeyFile', /give serviceAccountKeyFile/],
    [
      { accessToken: 't', serviceAccountKeyFile: './sa.json', subject: 'a@b.example' },
      'accessToken',
      /not both/,
    ],
    [{ serviceAccountKeyFile: './sa.json' }, 'subject', /subject/],
    [{ accessToken: 't', rootUrl: 'ftp://x' }, 'rootUrl', /http\(s\) URL/],
    [
      { accessToken: 't', scope: { orgUnits: { include: ['Engineering'] } } },
      'scope.orgUnits.include.0',
      /organisational-unit path/,
    ],
    [{ accessToken: 't', customer: 'acme' }, 'customer', /my_customer/],
    [{ accessToken: 't', extra: 1 }, '', /extra/],
  ])('rejects %j at its field', (extra, path, message) => {
    const parsed = googleWorkspaceConfigSchema.safeParse({ ...base, ...extra });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((candidate) => candidate.path.join('.') === path || path === '');
    expect(issue?.message).toMatch(message);
  });

  test('fuzz: any input is accepted or refused with issues, never a throw', () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.anything()), (value, extra) => {
        googleWorkspaceConfigSchema.safeParse(value);
        googleWorkspaceConfigSchema.safeParse({ ...base, ...extra });
      }),
      { numRuns: 300 },
    );
  });
});

describe('Google error mapping', () => {
  const gaxios = (status: number, data: unknown, headers: Record<string, string> = {}) =>
    Object.assign(new Error('Request failed'), {
      status,
      response: { status, data, headers },
      config: { headers: { Authorization: 'Bearer ya29.secret' } },
    });

  test('quota refusals are retryable; a plain 403 is not', () => {
    const body = (reason: string) => ({ error: { code: 403, message: 'x', errors: [{ reason }] } });
    expect(isRetryable(readFailure(gaxios(403, body('userRateLimitExceeded'))))).toBe(true);
    expect(isRetryable(readFailure(gaxios(403, body('forbidden'))))).toBe(false);
    expect(isRetryable(readFailure(gaxios(429, {})))).toBe(true);
    expect(isRetryable(readFailure(gaxios(503, {})))).toBe(true);
    expect(readFailure(gaxios(429, {}, { 'retry-after': '7' })).retryAfterSeconds).toBe(7);
  });

  test('OAuth refusals are auth; nothing from the request config leaks', () => {
    const error = toConnectorError(
      gaxios(400, { error: 'unauthorized_client', error_description: 'Client is unauthorized' }),
      {
        method: 'POST',
        path: '/token',
      },
    );
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/unauthorized_client: Client is unauthorized.*Domain-wide delegation/);
    expect(error.message).not.toContain('ya29');
  });

  test('fuzz: any thrown value maps to a ConnectorError', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(toConnectorError(value, { method: 'GET', path: '/x' }).code).toMatch(/^[a-z-]+$/);
      }),
      { numRuns: 300 },
    );
  });
});
