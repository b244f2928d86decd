/**
 * Text that marks a value still to be filled in. `annexa init` writes the SoA with such values (e.g.
 * `justification: "TODO: why ..."`), and any string that starts with it is reported as a `placeholder`
 * problem: a template must never pass `soa check` silently, and a half-edited SoA must not either.
 */
export const SOA_PLACEHOLDER = 'TODO';

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.trimStart().startsWith(SOA_PLACEHOLDER);
}

/** Paths (relative to `value`) of every placeholder string inside it. */
export function findPlaceholders(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (isPlaceholder(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => findPlaceholders(item, [...path, index]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => findPlaceholders(item, [...path, key]));
  return [];
}
