import { z } from 'zod';
import { InputError } from '../errors/errors.js';
import { parseYamlSource } from '../yaml/yaml-source.js';
import { zodIssuesToProblems } from '../yaml/zod-problems.js';

export const PEOPLE_FILE_INVALID = 'people-file-invalid';

/** The systems people.yaml can name accounts in. A new system adds its key here and an account source. */
export const ACCOUNT_SYSTEMS = ['github', 'aws'] as const;
export type AccountSystem = (typeof ACCOUNT_SYSTEMS)[number];

const accountIds = z.array(z.string().trim().min(1, 'must be an account name')).optional();

const personEntrySchema = z
  .object({
    /** The person's Workspace primary email (or an alias of it). */
    email: z.email('must be the email address of a person in the identity provider'),
    github: accountIds,
    aws: accountIds,
  })
  .strict();

/**
 * people.yaml: links accounts that cannot be linked automatically to people, and names accounts that belong to
 * no person (bots, CI), so they are not reported as unknown.
 */
export const peopleFileSchema = z
  .object({
    people: z.array(personEntrySchema).default([]),
    nonPerson: z.object({ github: accountIds, aws: accountIds }).strict().default({}),
  })
  .strict()
  .superRefine((file, context) => {
    const owner = new Map<string, number>();
    file.people.forEach((person, index) => {
      for (const system of ACCOUNT_SYSTEMS) {
        (person[system] ?? []).forEach((id, position) => {
          const key = `${system}:${id.toLowerCase()}`;
          const first = owner.get(key);
          if (first !== undefined && first !== index) {
            context.addIssue({
              code: 'custom',
              path: ['people', index, system, position],
              message: `${system} account ${id} is already linked to people[${first}]`,
            });
          }
          owner.set(key, index);
        });
      }
    });
  });

export type PeopleFile = z.output<typeof peopleFileSchema>;

/** Parses people.yaml text; every problem names the file, line and field. Never throws anything else. */
export function parsePeopleFile(text: string, file: string): PeopleFile {
  const source = parseYamlSource(text, file, PEOPLE_FILE_INVALID);
  const parsed = peopleFileSchema.safeParse(source.value ?? {});
  if (parsed.success) return parsed.data;
  throw new InputError(
    PEOPLE_FILE_INVALID,
    zodIssuesToProblems(parsed.error.issues, source, { input: source.value }),
  );
}
