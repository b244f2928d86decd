import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConnectorError } from '@annexa/core';
import { z } from 'zod';

/** The fields of a service-account key file Annexa uses. The private key never leaves this process. */
const serviceAccountKeySchema = z.object({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  /** Google's key files carry `https://oauth2.googleapis.com/token`; a private token endpoint may differ. */
  token_uri: z.url({ protocol: /^https?$/ }).optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/**
 * Reads and checks a key file. Errors name the file and the field, never a value: the file holds a private key.
 * A relative path resolves against the working directory.
 */
export async function readServiceAccountKey(file: string): Promise<ServiceAccountKey> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConnectorError('auth', `cannot read the service account key file ${path} (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConnectorError('auth', `the service account key file ${path} is not JSON: download a new key`);
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new ConnectorError(
      'auth',
      `the service account key file ${path} is not a service account JSON key (check ${fields.join(', ')})`,
    );
  }
  return parsed.data;
}
