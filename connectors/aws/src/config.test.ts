import { InputError, parseConfig } from '@annexa/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { awsConfigSchema, describeAws } from './config.js';
import { awsConnector } from './connector.js';

const base = { name: 'prod', type: 'aws', region: 'eu-west-1' };

test('the issue example is accepted; unquoted YAML account ids become 12-digit strings', () => {
  const config = awsConfigSchema.parse({
    ...base,
    regions: 'all-enabled',
    endpoint: 'http://127.0.0.1:4566',
    assumeRole: 'arn:aws:iam::123456789012:role/annexa-audit',
    accounts: { roleName: 'annexa-audit', ids: [111111111111, '222222222222', 12345678901] },
    scope: { accounts: { exclude: ['222222222222'] }, regions: { include: ['eu-west-1', 'us-east-1'] } },
  });
  expect(config.accounts?.ids).toEqual(['111111111111', '222222222222', '012345678901']);
  expect(config.regions).toBe('all-enabled');
  expect(describeAws(config)).toBe('aws/accounts/111111111111,222222222222,012345678901');
  expect(describeAws(awsConfigSchema.parse(base))).toBe('aws/prod');
  expect(
    describeAws(awsConfigSchema.parse({ ...base, assumeRole: 'arn:aws:iam::123456789012:role/a' })),
  ).toBe('aws/accounts/123456789012');
});

test('mistakes are refused with the field named', () => {
  const bad = (extra: Record<string, unknown>) => {
    const parsed = awsConfigSchema.safeParse({ ...base, ...extra });
    expect(parsed.success).toBe(false);
    return parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  };
  expect(bad({ region: 'Ireland' })).toMatch(/^region: must be an AWS region/);
  expect(bad({ regions: ['eu-west-1', 'mars-1'] })).toMatch(/^regions/);
  expect(bad({ assumeRole: 'annexa-audit' })).toMatch(/^assumeRole: must be an IAM role ARN/);
  expect(bad({ accounts: { roleName: 'r', ids: ['1234'] } })).toMatch(/accounts\.ids\.0/);
  expect(bad({ accounts: { roleName: 'r' } })).toMatch(/give either ids or fromOrganization/);
  expect(bad({ accounts: { roleName: 'r', ids: ['111111111111'], fromOrganization: true } })).toMatch(
    /one of them/,
  );
  expect(bad({ endpoint: 'ftp://x' })).toMatch(/^endpoint/);
  expect(bad({ accessKeyId: 'AKIA…' })).toMatch(/accessKeyId/);
});

test('in annexa.yaml, an error names the file, line and field', () => {
  const text = [
    'locker: ./evidence',
    'soa: ./soa.yaml',
    'connectors:',
    '  - name: prod',
    '    type: aws',
    '    region: eu-west-1',
    '    accounts:',
    '      roleName: annexa-audit',
    '      ids: [111111111111, 12]',
  ].join('\n');
  let error: unknown;
  try {
    parseConfig(text, '/tmp/annexa.yaml', { connectors: [awsConnector], env: {} });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toMatch(
    /annexa\.yaml:9:\d+: connectors\[0\]\.accounts\.ids\[1\]: must be a 12-digit AWS account id \(quote it in YAML\)/,
  );
});

test('fuzz: any value is either a valid config or a zod error, never a throw', () => {
  const region = fc.constantFrom('eu-west-1', 'us-east-1', 'x', '');
  fc.assert(
    fc.property(
      fc.record(
        {
          region,
          regions: fc.oneof(fc.constant('all-enabled'), fc.array(region), fc.string()),
          endpoint: fc.oneof(fc.webUrl(), fc.string()),
          assumeRole: fc.string(),
          accounts: fc.record(
            { roleName: fc.string(), ids: fc.array(fc.oneof(fc.nat(), fc.string())) },
            { requiredKeys: [] },
          ),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      (fields) => {
        const parsed = awsConfigSchema.safeParse({ name: 'x', type: 'aws', ...fields });
        if (parsed.success) expect(parsed.data.region).toMatch(/-\d$/);
      },
    ),
    { numRuns: 300 },
  );
});
