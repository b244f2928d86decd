// Extracts from GitHub's OpenAPI description (@octokit/openapi, 385 MB unpacked: never a dependency) the
// response schemas of exactly the operations the GitHub sandbox serves, with every $ref they reach, and writes
// test/sandbox/openapi/github-responses.json for the sandbox's OpenAPI test.
//
//   cd /tmp && npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//   pnpm tsx scripts/extract-github-openapi.ts /tmp/package
//
// OpenAPI 3.0 `nullable: true` becomes a JSON Schema type union (`type: [T, 'null']`, or `anyOf` with
// `{ type: 'null' }` when there is no `type`), so ajv validates the result as plain JSON Schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = '@octokit/openapi';
const VERSION = '23.0.2';
const FILE = 'generated/api.github.com.json';

/** What the sandbox serves: method, path template and the statuses it answers with. */
export const SERVED_OPERATIONS: readonly { method: string; path: string; statuses: readonly string[] }[] = [
  { method: 'get', path: '/orgs/{org}', statuses: ['200', '404'] },
  { method: 'get', path: '/orgs/{org}/members', statuses: ['200', '422'] },
  { method: 'get', path: '/orgs/{org}/outside_collaborators', statuses: ['200'] },
  { method: 'get', path: '/orgs/{org}/repos', statuses: ['200'] },
  { method: 'get', path: '/orgs/{org}/dependabot/alerts', statuses: ['200', '403'] },
  { method: 'get', path: '/orgs/{org}/code-scanning/alerts', statuses: ['200'] },
  { method: 'get', path: '/orgs/{org}/secret-scanning/alerts', statuses: ['200'] },
  { method: 'get', path: '/repos/{owner}/{repo}/branches/{branch}/protection', statuses: ['200', '404'] },
  { method: 'get', path: '/repos/{owner}/{repo}/rules/branches/{branch}', statuses: ['200'] },
  { method: 'get', path: '/repos/{owner}/{repo}/codeowners/errors', statuses: ['200', '404'] },
  { method: 'get', path: '/repos/{owner}/{repo}/vulnerability-alerts', statuses: ['204', '404'] },
  {
    method: 'post',
    path: '/app/installations/{installation_id}/access_tokens',
    statuses: ['201', '401', '404', '422'],
  },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function main(): void {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: tsx scripts/extract-github-openapi.ts <unpacked @octokit/openapi directory>');
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  if (manifest.version !== VERSION) {
    console.error(`expected ${PACKAGE}@${VERSION}, found ${manifest.version ?? 'no version'} at ${root}`);
    process.exit(2);
  }
  const spec = JSON.parse(readFileSync(join(root, FILE), 'utf8')) as JsonObject;
  const result = extract(spec);
  const out = new URL('../test/sandbox/openapi/github-responses.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
  const schemas = Object.keys((result.components as JsonObject).schemas as JsonObject).length;
  console.log(`wrote ${out.pathname}: ${SERVED_OPERATIONS.length} operations, ${schemas} component schemas`);
}

export function extract(spec: JsonObject): JsonObject {
  const paths = spec.paths as JsonObject;
  const components = spec.components as JsonObject;
  const reached = new Map<string, Json>();
  const pending: string[] = [];

  /** Follows `#/components/<kind>/<name>` pointers. */
  const lookup = (ref: string): Json => {
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    const value = match ? (components[match[1] as string] as JsonObject)[match[2] as string] : undefined;
    if (value === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return value;
  };

  /** Copies a schema, converting `nullable`, dropping examples, and queueing every component it references. */
  const convert = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(convert);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'examples' || key === 'nullable') continue;
      if (key === '$ref' && typeof value === 'string') {
        const name = /^#\/components\/schemas\/(.+)$/.exec(value)?.[1];
        if (!name) throw new Error(`unexpected $ref ${value}`);
        if (!reached.has(name) && !pending.includes(name)) pending.push(name);
        out[key] = value;
        continue;
      }
      // `properties` and `patternProperties` map names to schemas: their keys are not keywords.
      out[key] =
        (key === 'properties' || key === 'patternProperties') && isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema)]))
          : convert(value);
    }
    return node.nullable === true ? nullable(out) : out;
  };

  const operations: JsonObject = {};
  for (const { method, path, statuses } of SERVED_OPERATIONS) {
    const operation = (paths[path] as JsonObject | undefined)?.[method];
    if (!isObject(operation)) throw new Error(`${method.toUpperCase()} ${path} is not in ${FILE}`);
    const responses = operation.responses as JsonObject;
    const entry: JsonObject = {};
    for (const status of statuses) {
      let response = responses[status];
      if (response === undefined) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
      if (isObject(response) && typeof response.$ref === 'string') response = lookup(response.$ref);
      const schema = isObject(response)
        ? ((response.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)
            ?.schema
        : undefined;
      // No body documented (204, or a bare 404): null says "no schema", which the test checks too.
      entry[status] = schema === undefined ? null : convert(schema);
    }
    operations[`${method.toUpperCase()} ${path}`] = entry;
  }
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    reached.set(name, convert(lookup(`#/components/schemas/${name}`)));
  }
  const schemas = Object.fromEntries([...reached].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    $comment: `Extracted by scripts/extract-github-openapi.ts from ${PACKAGE}@${VERSION} ${FILE} (GitHub's REST API description, MIT). Response schemas of the operations the sandbox serves, every reachable component included; OpenAPI nullable converted to type unions. Do not edit: re-run the script.`,
    source: { package: PACKAGE, version: VERSION, file: FILE, openapi: spec.openapi ?? null },
    operations,
    components: { schemas },
  };
}

function nullable(schema: JsonObject): JsonObject {
  // An enum must admit null too, or the type union alone would still reject it.
  const withNull: JsonObject =
    Array.isArray(schema.enum) && !schema.enum.includes(null)
      ? { ...schema, enum: [...schema.enum, null] }
      : schema;
  const type = withNull.type;
  if (typeof type === 'string') return { ...withNull, type: [type, 'null'] };
  if (Array.isArray(type)) return type.includes('null') ? withNull : { ...withNull, type: [...type, 'null'] };
  if (Array.isArray(withNull.enum)) return withNull;
  // Without a type (a $ref, allOf/oneOf/anyOf...): either the schema or null.
  return { anyOf: [withNull, { type: 'null' }] };
}

if (import.meta.url === `file://${process.argv[1]}`) main();
