import { Writable } from 'node:stream';
import { awsConnector, createAwsClient } from '@annexa/connector-aws';
import { withProvenanceSettled } from '@annexa/core';
import {
  loadScenario,
  type Sandbox,
  type SandboxScenario,
  scenarioPath,
  startSandbox,
} from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { awsCloudtrailMultiRegionLogging } from '../checks/aws_cloudtrail_multi_region_logging/check.js';
import { evaluateFixture } from '../testing/evidence-fixture.js';
import { type CloudTrailTrails, cloudtrailTrails, summarizeSelectors } from './cloudtrail-trails.js';

process.env.AWS_ACCESS_KEY_ID = 'AKIASANDBOX000000001';
process.env.AWS_SECRET_ACCESS_KEY = 'sandboxSecretNotARealOne0000000000000001';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));

const ARN = (account: string, name: string) => `arn:aws:cloudtrail:eu-west-1:${account}:trail/${name}`;
const management = (readOnly?: Record<string, string[]>) => ({
  FieldSelectors: [
    { Field: 'eventCategory', Equals: ['Management'] },
    ...(readOnly ? [{ Field: 'readOnly', ...readOnly }] : []),
  ],
});

// Accounts added to the large estate. 1: the default selectors (management events, read and write). 2: advanced
// selectors for reads only, and a data-events trail. 3: the role lacks cloudtrail:GetEventSelectors.
const ADDED = [
  { id: '200000000001', trails: [{ name: 'org-trail', homeRegion: 'eu-west-1' }] },
  {
    id: '200000000002',
    trails: [
      {
        name: 'reads',
        homeRegion: 'eu-west-1',
        advancedEventSelectors: [management({ Equals: ['true'] })],
      },
      {
        name: 'data',
        homeRegion: 'eu-west-1',
        eventSelectors: [{ ReadWriteType: 'All' as const, IncludeManagementEvents: false }],
      },
    ],
  },
  {
    id: '200000000003',
    trails: [{ name: 'org-trail', homeRegion: 'eu-west-1' }],
    denied: ['cloudtrail:GetEventSelectors'],
  },
];

let sandbox: Sandbox;
beforeAll(async () => {
  const world = (await loadScenario(scenarioPath('aws/large.yaml'))) as SandboxScenario;
  if (!world.aws) throw new Error('the scenario has no aws section');
  world.aws.accounts = [...(world.aws.accounts ?? []), ...ADDED];
  sandbox = await startSandbox({ scenario: world });
});
afterAll(async () => {
  await sandbox.close();
});

async function collect(ids: string[]) {
  const config = awsConnector.config.parse({
    name: 'prod',
    type: 'aws',
    region: 'eu-west-1',
    endpoint: sandbox.aws?.url,
    accounts: { roleName: 'annexa-audit', ids },
  });
  const signal = new AbortController().signal;
  const client = createAwsClient(config, { log, signal });
  const outcome = await withProvenanceSettled(async () =>
    cloudtrailTrails.schema.parse(
      await cloudtrailTrails.collect(client, { config, log, signal, now: new Date() }),
    ),
  );
  if (!outcome.ok) throw outcome.error;
  return { data: outcome.result as CloudTrailTrails, requests: outcome.requests };
}

describe('GetEventSelectors against the sandbox', () => {
  test('1 + 2T requests per account; default selectors record all management events: pass', async () => {
    const { data, requests } = await collect(['200000000001']);
    const cloudtrail = requests
      .map((request) => request.path.split(' ')[0]?.split('/').slice(2).join(':'))
      .filter((operation) => operation?.startsWith('cloudtrail:'));
    expect(cloudtrail.sort()).toEqual([
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetEventSelectors',
      'cloudtrail:GetTrailStatus',
    ]);
    const entry = data.accounts[0];
    expect(entry && 'data' in entry && entry.data.trails[0]?.eventSelectors).toEqual({
      kind: 'classic',
      managementEvents: 'all',
      excludedSources: [],
    });
    expect(evaluateFixture(awsCloudtrailMultiRegionLogging, data).map((result) => result.status)).toEqual([
      'pass',
    ]);
  });

  test('advanced selectors for reads only and a data-events trail: fail with the fix', async () => {
    const { data } = await collect(['200000000002']);
    const entry = data.accounts[0];
    expect(
      entry && 'data' in entry && entry.data.trails.map((trail) => [trail.arn, trail.eventSelectors]),
    ).toEqual([
      [ARN('200000000002', 'data'), { kind: 'classic', managementEvents: 'none', excludedSources: [] }],
      [
        ARN('200000000002', 'reads'),
        { kind: 'advanced', managementEvents: 'read-only', excludedSources: [] },
      ],
    ]);
    const [result] = evaluateFixture(awsCloudtrailMultiRegionLogging, data);
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain(
      'data records no management events, reads records read-only management events',
    );
    expect(result?.message).toContain('Fix: ');
  });

  test('AccessDenied on GetEventSelectors: that trail is not-assessable naming the action, never a pass', async () => {
    const { data } = await collect(['200000000003']);
    const entry = data.accounts[0];
    const selectors = entry && 'data' in entry ? entry.data.trails[0]?.eventSelectors : undefined;
    expect(selectors && 'failure' in selectors && selectors.failure.status).toBe('not-assessable');
    const [result] = evaluateFixture(awsCloudtrailMultiRegionLogging, data);
    expect(result?.status).toBe('not-assessable');
    expect(result?.message).toContain('grant cloudtrail:GetEventSelectors');
  });
});

describe('summarizeSelectors', () => {
  test('classic selectors: ReadWriteType and IncludeManagementEvents, defaults All and true', () => {
    expect(summarizeSelectors({ EventSelectors: [{}] }).managementEvents).toBe('all');
    expect(summarizeSelectors({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }).managementEvents).toBe(
      'write-only',
    );
    expect(
      summarizeSelectors({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }] }),
    ).toEqual({ kind: 'classic', managementEvents: 'all', excludedSources: [] });
    expect(
      summarizeSelectors({
        EventSelectors: [{ ReadWriteType: 'All', ExcludeManagementEventSources: ['kms.amazonaws.com'] }],
      }).excludedSources,
    ).toEqual(['kms.amazonaws.com']);
    expect(summarizeSelectors({})).toEqual({ kind: 'none', managementEvents: 'none', excludedSources: [] });
  });

  test('advanced selectors: eventCategory Management, narrowed by readOnly, other conditions do not count', () => {
    const advanced = (...selectors: ReturnType<typeof management>[]) =>
      summarizeSelectors({ AdvancedEventSelectors: selectors }).managementEvents;
    expect(advanced(management())).toBe('all');
    expect(advanced(management({ Equals: ['false'] }))).toBe('write-only');
    expect(advanced(management({ NotEquals: ['false'] }))).toBe('read-only');
    expect(advanced(management({ Equals: ['true'] }), management({ Equals: ['false'] }))).toBe('all');
    expect(advanced({ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] })).toBe('none');
    expect(
      advanced({
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'eventSource', Equals: ['s3.amazonaws.com'] },
        ],
      }),
    ).toBe('none');
    expect(
      summarizeSelectors({
        AdvancedEventSelectors: [
          {
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Management'] },
              { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
            ],
          },
        ],
      }),
    ).toEqual({ kind: 'advanced', managementEvents: 'all', excludedSources: ['kms.amazonaws.com'] });
  });
});
