// The one GraphQL query Annexa sends, validated against GitHub's published public schema (graphql's
// validate() over @octokit/graphql-schema): a misspelt field or argument fails here, not on a customer's org.
import { validate } from '@octokit/graphql-schema';
import { expect, test } from 'vitest';
import { DEFAULT_BRANCH_QUERY } from './default-branch.js';

const messages = (query: string) => validate(query).map((error: { message: string }) => error.message);

test('the default-branch query is valid against @octokit/graphql-schema', () => {
  expect(messages(DEFAULT_BRANCH_QUERY)).toEqual([]);
});

test('the validation is real: a misspelt field is reported', () => {
  const broken = DEFAULT_BRANCH_QUERY.replace('isAdminEnforced', 'isAdminEnforcedTypo');
  expect(messages(broken)).toEqual([
    'Cannot query field "isAdminEnforcedTypo" on type "BranchProtectionRule". Did you mean "isAdminEnforced"?',
  ]);
});
