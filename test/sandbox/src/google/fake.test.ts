import { catchInputError } from '@annexa/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, parseScenario } from '../scenario.js';
import { scenarioPath } from '../scenario-path.js';
import { type Sandbox, startSandbox } from '../server.js';

const TOKEN = 'ya29.sandbox-admin-token-0001';

let large: Sandbox;
let typical: Sandbox;
beforeAll(async () => {
  [large, typical] = await Promise.all([
    startSandbox({ scenario: scenarioPath('google/large.yaml') }),
    startSandbox({ scenario: scenarioPath('google/typical.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([large.close(), typical.close()]);
});

async function get(sandbox: Sandbox, path: string, token: string | null = TOKEN) {
  const response = await fetch(
    `${sandbox.url}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Google fake', () => {
  test('users.list clamps maxResults to 500 and pages with opaque tokens; 50,000 users in the large domain', async () => {
    const first = await get(large, '/admin/directory/v1/users?customer=my_customer&maxResults=999');
    expect(first.status).toBe(200);
    expect((first.body.users as unknown[]).length).toBe(500);
    expect(typeof first.body.nextPageToken).toBe('string');
    const last = await get(
      large,
      `/admin/directory/v1/users?customer=my_customer&maxResults=500&pageToken=${Buffer.from('offset:49500').toString('base64url')}`,
    );
    expect((last.body.users as { primaryEmail: string }[]).at(-1)?.primaryEmail).toBe(
      'user49996@megacorp.example',
    );
    expect(last.body.nextPageToken).toBeUndefined();
  });

  test('a page deep inside 1,000,000 login events is made up on demand, inside the asked window', async () => {
    const token = Buffer.from('offset:999000').toString('base64url');
    const window = 'startTime=2026-10-28T00:00:00.000Z&endTime=2026-11-27T00:00:00.000Z';
    const page = await get(
      large,
      `/admin/reports/v1/activity/users/all/applications/login?maxResults=1000&${window}&pageToken=${token}`,
    );
    const items = page.body.items as { id: { time: string }; events: { name: string }[] }[];
    expect(items).toHaveLength(1000);
    expect(page.body.nextPageToken).toBeUndefined();
    expect(
      items.every((item) => item.id.time >= '2026-10-28' && item.id.time <= '2026-11-27T00:00:00.000Z'),
    ).toBe(true);
    // Every 50th a failure, but the 1,000,000th is the suspicious one (every 100,000th).
    expect(items.filter((item) => item.events[0]?.name === 'login_failure')).toHaveLength(19);
    expect(items.filter((item) => item.events[0]?.name === 'suspicious_login')).toHaveLength(1);
  });

  test('Google-shaped errors: 401 without a token, 400 for a bad page token or application, 404 for another customer', async () => {
    expect((await get(typical, '/admin/directory/v1/users?customer=my_customer', null)).status).toBe(401);
    expect((await get(typical, '/admin/directory/v1/users?customer=my_customer&pageToken=zzz')).status).toBe(
      400,
    );
    expect((await get(typical, '/admin/reports/v1/activity/users/all/applications/drive')).status).toBe(400);
    const other = await get(typical, '/admin/directory/v1/customer/C99other00/roles');
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: { code: 404, errors: [{ reason: 'notFound' }] } });
  });

  test('quota faults look like Google: 403 userRateLimitExceeded and 429 rateLimitExceeded', async () => {
    typical.setFaults({ rateLimit: { first: 1, retryAfterSeconds: 0, kind: 'primary', status: 403 } });
    const refused = await get(typical, '/admin/directory/v1/customer/my_customer/roles');
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { errors: [{ reason: 'userRateLimitExceeded' }] } },
    });
    typical.setFaults({ rateLimit: { first: 1, retryAfterSeconds: 0, kind: 'primary', status: 429 } });
    expect((await get(typical, '/admin/directory/v1/customer/my_customer/roles')).body).toMatchObject({
      error: { status: 'RESOURCE_EXHAUSTED' },
    });
    typical.setFaults({});
  });

  test('every bundled Google scenario loads', async () => {
    for (const name of ['compliant', 'typical', 'large', 'demo']) {
      const world = await loadScenario(scenarioPath(`google/${name}.yaml`));
      expect(world.google?.tokens.length).toBeGreaterThan(0);
    }
  });

  test('a scenario mistake names the file, line and field', () => {
    const error = catchInputError(() =>
      parseScenario(
        [
          'google:',
          '  customerId: C01acme00',
          '  domain: acme.example',
          '  users:',
          '    - { email: a@acme.example, role: nope }',
          '  tokens: [{ value: t }]',
          '',
        ].join('\n'),
        'bad.yaml',
      ),
    );
    expect(error.message).toMatch(/^bad\.yaml:5:\d+: google\.users\[0\]\.role: no role named nope/);
  });
});
