import type { AwsAccountWorld } from './scenario.js';
import { usersOf } from './scenario.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

const DAY = 86_400_000;

/** AWS writes dates as `2026-11-27T12:00:00+00:00`. */
function date(at: Date, daysAgo: number): string {
  return new Date(at.getTime() - daysAgo * DAY).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The credential report CSV of an account as IAM would generate it at `at`. */
export function credentialReportCsv(account: AwsAccountWorld, at: Date): string {
  const rows: string[][] = [];
  const root = account.root;
  const rootKey = root.accessKeys
    ? [
        'true',
        date(at, 700),
        root.lastUsedDaysAgo === null ? 'N/A' : date(at, root.lastUsedDaysAgo),
        'us-east-1',
        'iam',
      ]
    : ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  rows.push([
    '<root_account>',
    `arn:aws:iam::${account.id}:root`,
    date(at, 2000),
    'not_supported',
    root.lastUsedDaysAgo === null ? 'no_information' : date(at, root.lastUsedDaysAgo),
    'not_supported',
    'not_supported',
    String(root.mfa),
    ...rootKey,
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'false',
    'N/A',
  ]);
  for (const user of usersOf(account)) {
    const keys = [0, 1].flatMap((index) => {
      const key = user.accessKeys[index];
      if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
      const used = key.lastUsedDaysAgo === null ? null : date(at, key.lastUsedDaysAgo);
      return [
        String(key.active),
        date(at, key.rotatedDaysAgo),
        used ?? 'N/A',
        used ? 'eu-west-1' : 'N/A',
        used ? 's3' : 'N/A',
      ];
    });
    rows.push([
      user.name,
      `arn:aws:iam::${account.id}:user/${user.name}`,
      date(at, user.createdDaysAgo),
      String(user.password !== null),
      user.password === null
        ? 'N/A'
        : user.password.lastUsedDaysAgo === null
          ? 'no_information'
          : date(at, user.password.lastUsedDaysAgo),
      user.password === null ? 'N/A' : date(at, Math.min(user.createdDaysAgo, 30)),
      'N/A',
      String(user.mfa),
      ...keys,
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\n');
}
