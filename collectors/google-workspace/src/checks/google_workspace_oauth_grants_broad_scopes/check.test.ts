import { expect, test } from 'vitest';
import { tokenGrants } from '../../collectors/token-grants.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceOauthGrantsBroadScopes } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceOauthGrantsBroadScopes, { tokens: evidenceFixture(tokenGrants, data) });

test('pass: apps with narrow scopes only', () => {
  expect(evaluate(pass).map((r) => r.status)).toEqual(['pass']);
});

test('fail: the app, the broad scope and how many users granted it', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource.split('/').at(-1), r.status])).toEqual([
    ['2222.apps.googleusercontent.com', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(/^MailMerge Pro was granted https:\/\/mail\.google\.com\/ by 1 user/);
  expect(googleWorkspaceOauthGrantsBroadScopes.controls.map((c) => c.id)).toEqual(['5.19', '8.26']);
});
