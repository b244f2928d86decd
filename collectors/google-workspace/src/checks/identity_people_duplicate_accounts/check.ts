import { defineCrossSystemCheck, duplicateAccounts } from '@annexa/core';
import { IDENTITY_PERMISSIONS, identityInputs, reconcile } from '../../identity/reconcile.js';

export const identityPeopleDuplicateAccounts = defineCrossSystemCheck({
  id: 'identity_people_duplicate_accounts',
  title: 'No person holds several accounts of the same kind in one system',
  severity: 'medium',
  controls: [
    {
      id: '5.16',
      relation: 'satisfies',
      rationale: 'One identity per person per system keeps access reviews and removal complete.',
    },
  ],
  permissions: IDENTITY_PERMISSIONS,
  inputs: identityInputs,
  evaluate(inputs) {
    const reconciled = reconcile(inputs);
    if (!reconciled) return [];
    const findings = duplicateAccounts(reconciled.linked, reconciled.mapping.evidence);
    if (findings.length === 0) {
      return [
        {
          resource: 'identity',
          status: 'pass',
          message: 'No person holds two accounts of one kind in one system.',
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
