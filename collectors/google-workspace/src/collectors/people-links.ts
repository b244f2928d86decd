import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import { defineCollector, PEOPLE_FILE_INVALID, parsePeopleFile, readUserFile } from '@annexa/core';
import { z } from 'zod';

const ids = z.array(z.string());

export const peopleLinksSchema = z
  .object({
    /** False when the instance names no people.yaml: only automatic links apply. */
    configured: z.boolean(),
    file: z.string().nullable(),
    sha256: z.string().nullable(),
    people: z.array(z.object({ email: z.string(), github: ids, aws: ids }).strict()),
    nonPerson: z.object({ github: ids, aws: ids }).strict(),
  })
  .strict();
export type PeopleLinks = z.infer<typeof peopleLinksSchema>;

/**
 * The account links people.yaml declares (`people:` in the Workspace instance), recorded as evidence so every
 * identity finding can name the statement it rests on and old runs can be re-judged. A relative path resolves
 * against the working directory. A bad file is an InputError naming file, line and field.
 */
export const peopleLinks = defineCollector({
  id: 'google-workspace.people-links',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Declared account links (people.yaml)',
  ttl: '30d',
  controls: ['5.16'],
  schema: peopleLinksSchema,
  async collect(_client, { config }) {
    if (config.people === undefined) {
      return { configured: false, file: null, sha256: null, people: [], nonPerson: { github: [], aws: [] } };
    }
    const file = resolve(config.people);
    const { bytes, text } = await readUserFile(
      file,
      PEOPLE_FILE_INVALID,
      `people: in instance ${config.name}`,
    );
    const parsed = parsePeopleFile(text, file);
    const lower = (values: readonly string[] | undefined) =>
      [...(values ?? [])].map((v) => v.toLowerCase()).sort();
    return {
      configured: true,
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      people: parsed.people
        .map((person) => ({
          email: person.email.toLowerCase(),
          github: lower(person.github),
          aws: lower(person.aws),
        }))
        .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)),
      nonPerson: { github: lower(parsed.nonPerson.github), aws: lower(parsed.nonPerson.aws) },
    };
  },
});
