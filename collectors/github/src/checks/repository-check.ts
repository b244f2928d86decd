import type { CheckStatus, ControlMapping, Evidence, ResourceResult, Severity } from '@annexa/core';
import { defineCheck } from '@annexa/core';
import { type ObservedRepository, type Repositories, repositories } from '../collectors/repositories.js';

export type RepositoryFacts = NonNullable<ObservedRepository['facts']>;
export type Verdict = { status: CheckStatus; message: string };

/** `github.com/acme/api` from the evidence source `github.com/orgs/acme` and a repository name. */
export function repositoryResource(source: string, name: string): string {
  return `${source.replace('/orgs/', '/')}/${name}`;
}

/** Protection GitHub hides from a token that cannot administer the repository: never a pass. */
export function notVisible(resource: string): Verdict {
  return {
    status: 'not-assessable',
    message: `the token lacks administration:read on ${resource} (GitHub hides branch protection from non-admins): use an owner token or a GitHub App with Administration: read`,
  };
}

/** Whether classic protection or an active ruleset guards the default branch. */
export function isProtected(facts: RepositoryFacts): boolean {
  return (facts.classic !== null && facts.classic !== 'not-visible') || facts.rulesets.ruleTypes.length > 0;
}

/** Judges every in-scope repository; out-of-scope repositories give no result at all, never a fail. */
export function judgeRepositories(
  evidence: Evidence<Repositories>,
  judge: (facts: RepositoryFacts, resource: string, repository: ObservedRepository) => Verdict,
): ResourceResult<'repositories'>[] {
  const source = evidence.record.source;
  return evidence.record.data.repositories.flatMap((repository) => {
    if (!repository.inScope || repository.facts === null) return [];
    const resource = repositoryResource(source, repository.name);
    return [{ resource, ...judge(repository.facts, resource, repository) }];
  });
}

/** A check over the default branch of each in-scope repository, which must be protected first. */
export function defineBranchRuleCheck(definition: {
  id: string;
  title: string;
  severity: Severity;
  controls: readonly ControlMapping[];
  permissions: readonly string[];
  /** Pass or fail on a protected default branch. */
  judge: (facts: RepositoryFacts, resource: string) => Verdict;
}) {
  return defineCheck({
    id: definition.id,
    title: definition.title,
    severity: definition.severity,
    controls: definition.controls,
    permissions: definition.permissions,
    inputs: { repositories },
    evaluate: ({ repositories: evidence }) =>
      judgeRepositories(evidence, (facts, resource) => {
        if (facts.classic === 'not-visible' && facts.rulesets.ruleTypes.length === 0)
          return notVisible(resource);
        if (!isProtected(facts)) {
          return {
            status: 'fail',
            message: `${resource}: the default branch ${facts.defaultBranch ?? ''} has neither branch protection nor an active ruleset. Fix: Settings → Rules → Rulesets → New branch ruleset targeting the default branch.`,
          };
        }
        return definition.judge(facts, resource);
      }),
  });
}

export const PROTECTION_PERMISSIONS = [
  'classic token: repo (full), from a repository admin or organization owner; GraphQL reads protection only for admins',
  'fine-grained token / GitHub App: Administration (repository): read, Metadata: read, Contents: read (CODEOWNERS)',
] as const;
