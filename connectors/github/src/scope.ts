import { z } from 'zod';

/**
 * One scope selector, as written in annexa.yaml:
 * - `payments-*`: a repository name glob (`*` any run of characters, `?` one character; case-insensitive)
 * - `topic:pci`: repositories carrying that topic (globs allowed: `topic:team-*`)
 * - `visibility:public` | `visibility:private` | `visibility:internal`
 */
export const scopeSelectorSchema = z
  .string()
  .min(1, 'must be a name glob, topic:<topic> or visibility:<public|private|internal>')
  .max(200)
  .refine((text) => !text.startsWith('visibility:') || /^visibility:(public|private|internal)$/.test(text), {
    message: 'visibility must be public, private or internal',
  })
  .refine((text) => !text.startsWith('topic:') || text.length > 'topic:'.length, {
    message: 'topic: needs a topic after the colon',
  });

export const scopeSchema = z
  .object({
    /** When given, only repositories matching one of these are in scope (archived ones included). */
    include: z.array(scopeSelectorSchema).optional(),
    /** Repositories matching one of these are out of scope, whatever include says. */
    exclude: z.array(scopeSelectorSchema).optional(),
  })
  .strict();
export type RepositoryScope = z.infer<typeof scopeSchema>;

/** What the scope decision needs to know of a repository. */
export interface ScopedRepository {
  name: string;
  visibility: string;
  archived: boolean;
  topics: readonly string[];
}

export interface ScopeDecision {
  inScope: boolean;
  /** Why, in words an auditor can read: `excluded by "sandbox-*"`, `archived`, `included by "topic:pci"`. */
  reason: string;
}

/** Decides whether a repository is in the ISMS scope. Exclude wins; archived repositories need an include. */
export function decideScope(repository: ScopedRepository, scope: RepositoryScope | undefined): ScopeDecision {
  const excludedBy = (scope?.exclude ?? []).find((selector) => matchesSelector(repository, selector));
  if (excludedBy !== undefined) return { inScope: false, reason: `excluded by "${excludedBy}"` };
  const include = scope?.include ?? [];
  if (include.length > 0) {
    const includedBy = include.find((selector) => matchesSelector(repository, selector));
    if (includedBy === undefined) return { inScope: false, reason: 'matches no include selector' };
    return { inScope: true, reason: `included by "${includedBy}"` };
  }
  if (repository.archived)
    return { inScope: false, reason: 'archived (add it to scope.include to assess it)' };
  return { inScope: true, reason: 'not archived, no selector excludes it' };
}

export function matchesSelector(repository: ScopedRepository, selector: string): boolean {
  if (selector.startsWith('visibility:'))
    return repository.visibility === selector.slice('visibility:'.length);
  if (selector.startsWith('topic:')) {
    const pattern = globToRegExp(selector.slice('topic:'.length));
    return repository.topics.some((topic) => pattern.test(topic));
  }
  return globToRegExp(selector).test(repository.name);
}

const globCache = new Map<string, RegExp>();

/** `*` and `?` only; every other character is literal. Anchored, case-insensitive (GitHub names are). */
export function globToRegExp(glob: string): RegExp {
  let cached = globCache.get(glob);
  if (!cached) {
    const source = [...glob]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    cached = new RegExp(`^${source}$`, 'is');
    globCache.set(glob, cached);
  }
  return cached;
}
