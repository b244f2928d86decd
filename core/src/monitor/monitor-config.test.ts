// biome-ignore-all lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not JS templates.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../config/config.js';
import { InputError } from '../errors/errors.js';
import { exceptionEnd } from './monitor-config.js';

const BASE = 'locker: ./evidence\nsoa: ./soa.yaml\n';

function parse(extra: string, env: NodeJS.ProcessEnv = {}) {
  return parseConfig(`${BASE}${extra}`, '/work/annexa.yaml', { connectors: [], env });
}

describe('alerts, schedule and exceptions in annexa.yaml', () => {
  test('defaults when absent', () => {
    expect(parse('').monitor).toEqual({
      alerts: { digest: 'off', sinks: [] },
      schedule: { every: 3_600_000, jitter: 60_000, instances: {} },
      exceptions: [],
    });
  });

  test('reads sinks with secrets from the environment, schedules and exceptions', () => {
    const config = parse(
      [
        'alerts:',
        '  digest: daily',
        '  sinks:',
        '    - { type: webhook, url: "https://hooks.example.com/a", secret: "${HOOK_SECRET}" }',
        '    - { type: slack, url: "${SLACK_URL}" }',
        '    - { type: file, path: alerts.jsonl }',
        'schedule:',
        '  every: 15m',
        '  jitter: 30s',
        '  instances: { acme: { every: 5m } }',
        'exceptions:',
        '  - { control: "8.5", until: 2027-01-31, approvedBy: CISO, reason: migration to SSO }',
        '',
      ].join('\n'),
      { HOOK_SECRET: 'a-long-enough-secret-value', SLACK_URL: 'https://hooks.slack.com/services/T/B/x' },
    );
    expect(config.monitor?.alerts.sinks).toEqual([
      {
        type: 'webhook',
        url: 'https://hooks.example.com/a',
        secret: 'a-long-enough-secret-value',
        retries: 3,
        timeout: 10_000,
      },
      { type: 'slack', url: 'https://hooks.slack.com/services/T/B/x', retries: 3, timeout: 10_000 },
      { type: 'file', path: 'alerts.jsonl' },
    ]);
    expect(config.monitor?.schedule).toEqual({
      every: 900_000,
      jitter: 30_000,
      instances: { acme: { every: 300_000 } },
    });
    const [exception] = config.monitor?.exceptions ?? [];
    expect(exception).toMatchObject({ control: '8.5', approvedBy: 'CISO' });
    expect(exceptionEnd(exception ?? { until: '' })).toBe(Date.parse('2027-02-01T00:00:00.000Z'));
  });

  test('mistakes name the file, line and field, and never quote a secret', () => {
    const error = (() => {
      try {
        parse(
          [
            'alerts:',
            '  sinks:',
            '    - { type: webhook, url: "not a url", secret: "${HOOK_SECRET}" }',
            'schedule: { every: soon }',
            'exceptions:',
            '  - { until: 2027-01-31, approvedBy: CISO, reason: x }',
            '',
          ].join('\n'),
          { HOOK_SECRET: 'short' },
        );
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    const text = (error as InputError).message;
    expect(text).toMatch(/annexa\.yaml:5:.*url/);
    expect(text).toMatch(/schedule\.every.*not a duration/);
    expect(text).toMatch(/names neither a fingerprint nor a control/);
    expect(text).not.toContain('short');
  });

  test('whatever the alerts, schedule and exceptions hold, parsing throws nothing but InputError', () => {
    const yamlValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.array(
        fc.dictionary(
          fc.constantFrom('type', 'url', 'every', 'until', 'control', 'path', 'secret'),
          fc.string(),
        ),
      ),
      fc.dictionary(
        fc.constantFrom('digest', 'sinks', 'every', 'jitter', 'instances'),
        fc.oneof(fc.string(), fc.integer()),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom('alerts', 'schedule', 'exceptions'), yamlValue, (key, value) => {
        try {
          parse(`${key}: ${JSON.stringify(value)}\n`);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
