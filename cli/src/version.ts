import { readFileSync } from 'node:fs';

/** Read once from the cli package's package.json, which is beside src/ and dist/ alike. */
export const TOOL = {
  name: 'annexa',
  version: (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version,
} as const;
