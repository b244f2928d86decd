import { iamAuthorizationDetails, iamCredentialReport } from '@annexa/collectors-aws';
import {
  type Account,
  type AccountMapping,
  type CrossSystemInputs,
  type CrossSystemResult,
  type LinkedAccount,
  linkAccounts,
} from '@annexa/core';
import { peopleLinks } from '../collectors/people-links.js';
import { workspaceUsers } from '../collectors/users.js';
import {
  accountsFrom,
  awsAccountsFrom,
  awsUnreadable,
  githubAccounts,
  mappingFrom,
  peopleFrom,
} from './account-sources.js';
import { githubOrgMembers } from './github-members.js';

/** What every identity check reads. A new system joins with its inputs here and one line in accountsOf. */
export const identityInputs = {
  users: workspaceUsers,
  people: peopleLinks,
  github: githubOrgMembers,
  awsCredentials: iamCredentialReport,
  awsUsers: iamAuthorizationDetails,
};
export type IdentityInputs = CrossSystemInputs<typeof identityInputs>;

/** What those inputs need, in each provider's words: the permissions every identity check declares. */
export const IDENTITY_PERMISSIONS = [
  'Google Workspace: admin.directory.user.readonly',
  'GitHub: read:org (organization members)',
  'AWS: iam:GetCredentialReport, iam:GetAccountAuthorizationDetails (IAM users and their tags)',
] as const;

/** Every account of every connected system (except the identity provider itself). */
function accountsOf(inputs: IdentityInputs): Account[] {
  return [
    ...accountsFrom(githubAccounts, inputs.github),
    ...awsAccountsFrom(inputs.awsCredentials, inputs.awsUsers),
  ];
}

export interface Reconciled {
  linked: LinkedAccount[];
  mapping: AccountMapping;
  /** Not-assessable results for what could not be read (an AWS account without a credential report). */
  unassessed: Omit<CrossSystemResult, 'inputs'>[];
}

/**
 * Links every account to a person. Undefined when there is nothing to judge: no identity provider, or no account of
 * another system, is configured or collected (an instance that failed is reported not-assessable by the engine).
 */
export function reconcile(inputs: IdentityInputs): Reconciled | undefined {
  if (inputs.users.length === 0) return undefined;
  if (inputs.github.length === 0 && inputs.awsCredentials.length === 0) return undefined;
  const mapping = mappingFrom(inputs.people);
  return {
    linked: linkAccounts(peopleFrom(inputs.users), accountsOf(inputs), mapping),
    mapping,
    unassessed: awsUnreadable(inputs.awsCredentials),
  };
}
