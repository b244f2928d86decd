/** The AWS managed policy that grants everything. */
export const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/**
 * Whether an IAM policy document (as IAM returns it: URL-encoded JSON, or already decoded) has a statement that
 * allows every action on every resource (`"Action": "*"`, `"Resource": "*"`) without a condition. An unreadable
 * document is null (unknown), never false.
 */
export function grantsFullAdmin(document: string | undefined): boolean | null {
  if (document === undefined) return null;
  let parsed: unknown;
  try {
    const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const raw = (parsed as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.some((statement) => {
    if (typeof statement !== 'object' || statement === null) return false;
    const { Effect, Action, Resource, Condition } = statement as Record<string, unknown>;
    return Effect === 'Allow' && includesStar(Action) && includesStar(Resource) && Condition === undefined;
  });
}

function includesStar(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.includes('*'));
}
