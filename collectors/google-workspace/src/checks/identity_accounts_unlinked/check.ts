import { defineCrossSystemCheck, unknownAccounts } from '@annexa/core';
import { IDENTITY_PERMISSIONS, identityInputs, reconcile } from '../../identity/reconcile.js';

export const identityAccountsUnlinked = defineCrossSystemCheck({
  id: 'identity_accounts_unlinked',
  title: 'Every account in a connected system belongs to a known person or is a declared non-person account',
  severity: 'high',
  controls: [
    {
      id: '5.16',
      relation: 'satisfies',
      rationale: 'Identity management: every identity with access maps to a person or a declared purpose.',
    },
  ],
  permissions: IDENTITY_PERMISSIONS,
  inputs: identityInputs,
  evaluate(inputs) {
    const reconciled = reconcile(inputs);
    if (!reconciled) return [];
    const findings = unknownAccounts(reconciled.linked, reconciled.mapping.evidence);
    if (findings.length === 0) {
      return [
        {
          resource: 'identity',
          status: 'pass',
          message: `All ${reconciled.linked.length} accounts are linked to a person or declared non-person.`,
        },
        ...reconciled.unassessed,
      ];
    }
    return [
      ...findings.map((finding) => ({ ...finding, status: 'fail' as const })),
      ...reconciled.unassessed,
    ];
  },
});
