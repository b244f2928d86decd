import { defineCrossSystemCheck, isLinked, leaversWithAccess } from '@annexa/core';
import { IDENTITY_PERMISSIONS, identityInputs, reconcile } from '../../identity/reconcile.js';

export const identityPeopleLeaversWithAccess = defineCrossSystemCheck({
  id: 'identity_people_leavers_with_access',
  title: 'No suspended, archived or deleted person still has access in another system',
  severity: 'critical',
  controls: [
    {
      id: '5.18',
      relation: 'satisfies',
      rationale: 'Access rights are removed when a person leaves: checked in every connected system.',
    },
    {
      id: '6.5',
      relation: 'supports',
      rationale: 'Responsibilities after termination include losing access everywhere.',
    },
    {
      id: '5.11',
      relation: 'supports',
      rationale: 'Return of assets: accounts are company assets a leaver must give back.',
    },
  ],
  permissions: [...IDENTITY_PERMISSIONS, 'people.yaml for accounts no email links'],
  inputs: identityInputs,
  evaluate(inputs) {
    const reconciled = reconcile(inputs);
    if (!reconciled) return [];
    const findings = leaversWithAccess(reconciled.linked, reconciled.mapping.evidence);
    if (findings.length === 0) {
      const people = reconciled.linked.filter(isLinked).length;
      return [
        {
          resource: 'identity',
          status: 'pass',
          message: `None of the ${people} accounts linked to people belongs to a suspended, archived or deleted person.`,
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
