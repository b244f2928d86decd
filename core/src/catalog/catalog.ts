import { ANNEX_A_2022 } from './annex-a-2022.js';

export type AnnexAControl = (typeof ANNEX_A_2022)[number];
/** A control id as printed: `8.5`, never `A.8.5`. */
export type ControlId = AnnexAControl['id'];
export type ControlTheme = AnnexAControl['theme'];

export const CONTROL_THEMES = ['organizational', 'people', 'physical', 'technological'] as const;

const byId = new Map<string, AnnexAControl>(ANNEX_A_2022.map((control) => [control.id, control]));

export const controls: readonly AnnexAControl[] = ANNEX_A_2022;

/**
 * Accepts `8.5`, `A.8.5`, `a.8.5` and surrounding blanks; returns the canonical `8.5`,
 * or undefined when the id names no Annex A 2022 control.
 */
export function parseControlId(raw: string): ControlId | undefined {
  const trimmed = raw.trim().replace(/^a\./i, '');
  return byId.get(trimmed)?.id;
}

export function isControlId(raw: string): raw is ControlId {
  return byId.has(raw);
}

export function getControl(id: ControlId): AnnexAControl {
  const control = byId.get(id);
  if (!control) throw new Error(`unknown control id ${id}`);
  return control;
}

/** Numeric order (5.2 before 5.10), the order an SoA lists controls in. */
export function compareControlIds(a: string, b: string): number {
  const [aTheme = 0, aNumber = 0] = a.split('.').map(Number);
  const [bTheme = 0, bNumber = 0] = b.split('.').map(Number);
  return aTheme - bTheme || aNumber - bNumber;
}
