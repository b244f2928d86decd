import type { OrgUnitScope } from '@annexa/connector-google-workspace';

/** Whether `path` is `unit` or below it: `/Eng/Web` is under `/Eng`, `/Engineering` is not. */
export function isUnder(path: string, unit: string): boolean {
  if (unit === '/') return true;
  return path === unit || path.startsWith(`${unit}/`);
}

/** Clause 4.3: a user counts when their unit is included (everyone without `include`) and not excluded. */
export function isInScope(orgUnitPath: string, scope: OrgUnitScope | undefined): boolean {
  const units = scope?.orgUnits;
  if (!units) return true;
  const included = units.include === undefined || units.include.some((unit) => isUnder(orgUnitPath, unit));
  return included && !(units.exclude ?? []).some((unit) => isUnder(orgUnitPath, unit));
}
