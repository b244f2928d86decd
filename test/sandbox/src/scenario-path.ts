import { fileURLToPath } from 'node:url';

/** Absolute path of a bundled scenario, e.g. `scenarioPath('github/no-2fa.yaml')`. Works from src/ and dist/. */
export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));
}
