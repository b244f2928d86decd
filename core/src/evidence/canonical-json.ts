import { createHash } from 'node:crypto';

/** A JSON value as RFC 8785 can canonicalise it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 * - object members sorted by the UTF-16 code units of their names (what `Array.prototype.sort` compares);
 * - numbers in the ECMAScript Number-to-String form, which `JSON.stringify` already produces;
 * - strings escaped as ECMAScript `JSON.stringify` does, which is the form the RFC prescribes;
 * - no white space. NaN and Infinity cannot be represented and are rejected; so is `undefined`
 *   inside arrays, where JSON.stringify would silently write `null`.
 */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, '$');
  return parts.join('');
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`${path}: ${value} cannot be represented in canonical JSON`);
      out.push(JSON.stringify(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((item, index) => {
          if (index > 0) out.push(',');
          if (item === undefined) throw new TypeError(`${path}[${index}]: undefined is not JSON`);
          write(item, out, `${path}[${index}]`);
        });
        out.push(']');
        return;
      }
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof toJSON === 'function') {
        write(toJSON.call(value), out, path);
        return;
      }
      const keys = Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort();
      out.push('{');
      keys.forEach((key, index) => {
        if (index > 0) out.push(',');
        out.push(JSON.stringify(key), ':');
        write((value as Record<string, unknown>)[key], out, `${path}.${key}`);
      });
      out.push('}');
      return;
    }
    default:
      throw new TypeError(`${path}: a ${typeof value} is not JSON`);
  }
}

/** `sha256:<lowercase hex>` of the given bytes or UTF-8 text. */
export function sha256Id(content: string | Uint8Array): `sha256:${string}` {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** The content address of a JSON value: SHA-256 of its canonical form. */
export function contentId(value: unknown): `sha256:${string}` {
  return sha256Id(canonicalize(value));
}
