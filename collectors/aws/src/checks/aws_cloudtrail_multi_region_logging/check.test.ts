import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsCloudtrailMultiRegionLogging } from './check.js';
import fail from './fail.json' with { type: 'json' };
import noManagementEvents from './no-management-events.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsCloudtrailMultiRegionLogging, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every(
      (result) => result.evidence.length === Object.keys(awsCloudtrailMultiRegionLogging.inputs).length,
    ),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsCloudtrailMultiRegionLogging, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('only single-region trails: default');
  expect(failed?.message).toMatch(/Fix: /);
});

test('fail: multi-region trails logging, but not management events read and write', () => {
  const results = evaluateFixture(awsCloudtrailMultiRegionLogging, noManagementEvents);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'fail']]);
  expect(results[0]?.message).toContain(
    'org-trail records read-only management events, s3-data-events records no management events',
  );
  expect(results[0]?.message).toMatch(/Fix: .*ReadWriteType All/);
});

test('event selectors the role could not read: not-assessable naming cloudtrail:GetEventSelectors, never a pass', () => {
  const reason =
    'AWS answered AccessDeniedException (403) to cloudtrail:GetEventSelectors in account 111111111111 (eu-west-1): grant cloudtrail:GetEventSelectors to the role Annexa uses (see policies/annexa-aws-readonly.json)';
  const denied = structuredClone(pass);
  for (const entry of denied.accounts)
    for (const trail of entry.data.trails)
      (trail as { eventSelectors: unknown }).eventSelectors = {
        failure: { status: 'not-assessable', reason },
      };
  const results = evaluateFixture(awsCloudtrailMultiRegionLogging, denied);
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/111111111111', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(`org-trail: ${reason}`);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsCloudtrailMultiRegionLogging,
    failEveryUnit(awsCloudtrailMultiRegionLogging, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsCloudtrailMultiRegionLogging.controls.map((control) => [control.id, control.relation])).toEqual([
    ['8.15', 'satisfies'],
    ['8.16', 'supports'],
  ]);
  expect(awsCloudtrailMultiRegionLogging.permissions.length).toBeGreaterThan(0);
  for (const permission of awsCloudtrailMultiRegionLogging.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});
