import { CREDENTIAL_REPORT_COLUMNS } from '@annexa/sandbox';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { CredentialReportFormatError, parseCredentialReport } from './credential-report.js';

const header = CREDENTIAL_REPORT_COLUMNS.join(',');
// The root row exactly as AWS documents it, and a user with one key.
const root =
  '<root_account>,arn:aws:iam::123456789012:root,2017-06-10T02:35:07+00:00,not_supported,2017-10-22T08:11:09+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const user =
  'bob,arn:aws:iam::123456789012:user/bob,2020-01-01T00:00:00+00:00,TRUE,no_information,2020-01-02T00:00:00+00:00,N/A,FALSE,true,2024-05-01T10:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

test('reads the root row and a user row; not_supported, N/A and no_information are null', () => {
  expect(parseCredentialReport(`${header}\n${root}\n${user}\n`)).toEqual([
    {
      user: '<root_account>',
      arn: 'arn:aws:iam::123456789012:root',
      createdAt: '2017-06-10T02:35:07.000Z',
      passwordEnabled: null,
      passwordLastUsed: '2017-10-22T08:11:09.000Z',
      passwordLastChanged: null,
      mfaActive: true,
      accessKeys: [],
    },
    {
      user: 'bob',
      arn: 'arn:aws:iam::123456789012:user/bob',
      createdAt: '2020-01-01T00:00:00.000Z',
      passwordEnabled: true,
      passwordLastUsed: null,
      passwordLastChanged: '2020-01-02T00:00:00.000Z',
      mfaActive: false,
      accessKeys: [{ slot: 1, active: true, lastRotated: '2024-05-01T10:00:00.000Z', lastUsed: null }],
    },
  ]);
});

test('a report it cannot read says which line and why', () => {
  expect(() => parseCredentialReport('')).toThrow('the credential report is empty');
  expect(() => parseCredentialReport('user,arn\nx,y')).toThrow(/has no user_creation_time, password_enabled/);
  expect(() => parseCredentialReport(`${header}\n${root}\nbob,arn`)).toThrow(
    'credential report line 3 has 2 fields, the header 22',
  );
});

test('fuzz: any text parses or throws CredentialReportFormatError; generated rows read back', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      try {
        parseCredentialReport(`${header}\n${text}`);
      } catch (error) {
        expect(error).toBeInstanceOf(CredentialReportFormatError);
      }
    }),
    { numRuns: 300 },
  );
  const name = fc.stringMatching(/^[\w+=.@-]{1,20}$/);
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(name, fc.boolean(), fc.boolean()), { selector: ([user]) => user }),
      (users) => {
        const rows = users.map(([userName, password, mfa]) =>
          [
            userName,
            `arn:aws:iam::1:user/${userName}`,
            '2020-01-01T00:00:00+00:00',
            String(password),
            'N/A',
            'N/A',
            'N/A',
            String(mfa),
            'false',
            'N/A',
            'N/A',
            'N/A',
            'N/A',
            'false',
            'N/A',
            'N/A',
            'N/A',
            'N/A',
            'false',
            'N/A',
            'false',
            'N/A',
          ].join(','),
        );
        const parsed = parseCredentialReport([header, ...rows].join('\n'));
        expect(parsed.map((row) => [row.user, row.passwordEnabled, row.mfaActive])).toEqual(users);
      },
    ),
  );
});
