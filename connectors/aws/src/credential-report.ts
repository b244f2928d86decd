/** One row of the IAM credential report, as Annexa keeps it: dates ISO 8601, `N/A` and the like as null. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  createdAt: string | null;
  /** null for the root user (`not_supported`): root always has a password. */
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: { slot: 1 | 2; active: boolean; lastRotated: string | null; lastUsed: string | null }[];
}

const REQUIRED = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'mfa_active',
] as const;

export class CredentialReportFormatError extends Error {}

/**
 * Reads the credential report CSV. AWS quotes nothing (user names cannot hold commas), so a plain split is exact;
 * columns are found by header name, so added columns do not shift anything. Throws CredentialReportFormatError,
 * naming the line, on a report it cannot read.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',').map((name) => name.trim());
  if (!header) throw new CredentialReportFormatError('the credential report is empty');
  const index = new Map(header.map((name, position) => [name, position]));
  const missing = REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw new CredentialReportFormatError(`the credential report has no ${missing.join(', ')} column`);
  }
  return lines.slice(1).map((line, offset) => {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new CredentialReportFormatError(
        `credential report line ${offset + 2} has ${cells.length} fields, the header ${header.length}`,
      );
    }
    const cell = (name: string): string => {
      const position = index.get(name);
      return position === undefined ? '' : (cells[position] ?? '').trim();
    };
    const user = cell('user');
    if (user === '')
      throw new CredentialReportFormatError(`credential report line ${offset + 2} has no user`);
    const accessKeys = ([1, 2] as const).flatMap((slot) => {
      const active = bool(cell(`access_key_${slot}_active`));
      const lastRotated = date(cell(`access_key_${slot}_last_rotated`));
      // A slot never used for a key is all N/A: nothing to keep.
      if (active !== true && lastRotated === null) return [];
      return [
        {
          slot,
          active: active === true,
          lastRotated,
          lastUsed: date(cell(`access_key_${slot}_last_used_date`)),
        },
      ];
    });
    return {
      user,
      arn: cell('arn'),
      createdAt: date(cell('user_creation_time')),
      passwordEnabled: bool(cell('password_enabled')),
      passwordLastUsed: date(cell('password_last_used')),
      passwordLastChanged: date(cell('password_last_changed')),
      mfaActive: bool(cell('mfa_active')) === true,
      accessKeys,
    };
  });
}

/** `true`/`TRUE` → true; `false` → false; `not_supported`, `N/A` and anything else → null. */
function bool(value: string): boolean | null {
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}

/** An ISO 8601 date as UTC with milliseconds; `N/A`, `no_information` and unreadable values → null. */
function date(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
