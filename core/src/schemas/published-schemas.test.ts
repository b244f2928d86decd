import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { publishedSchemas } from './published-schemas.js';

const schemasDir = new URL('../../../schemas/', import.meta.url);

test.each(Object.entries(publishedSchemas()))(
  'schemas/%s is up to date (run `pnpm schemas`)',
  (file, schema) => {
    const committed = JSON.parse(readFileSync(new URL(file, schemasDir), 'utf8'));
    expect(committed).toEqual(schema);
  },
);
