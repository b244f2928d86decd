/** A path into a parsed YAML document: mapping keys and sequence indexes, e.g. `['controls', 3, 'risks']`. */
export type YamlPath = readonly (string | number)[];

/**
 * The path as users read it in messages: `controls[3].risks`, `connectors[0].token`.
 * Keys that are not plain identifiers are quoted so `a.b` as one key cannot be mistaken for two.
 */
export function formatYamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
