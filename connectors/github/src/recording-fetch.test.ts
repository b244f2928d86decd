import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withProvenance } from '@annexa/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRecordingFetch, graphqlEndpoint } from './recording-fetch.js';

let base = '';
let posts = 0;
const server = createServer((request, response) => {
  if (request.method === 'POST') posts++;
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{}');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('GraphQL lives at /api/graphql on GHES and /graphql on github.com', () => {
  expect(graphqlEndpoint('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
  expect(graphqlEndpoint('https://api.github.com')).toBe('https://api.github.com/graphql');
});

test('a GraphQL query may be POSTed; a mutation, or a POST anywhere else, never leaves the process', async () => {
  const graphqlUrl = graphqlEndpoint(base);
  const guarded = createRecordingFetch(base, { graphqlUrl });
  const query = JSON.stringify({ query: 'query { viewer { login } }' });
  const { requests } = await withProvenance(() => guarded(graphqlUrl, { method: 'POST', body: query }));
  expect(requests).toEqual([{ method: 'POST', path: '/api/graphql', status: 200 }]);
  await expect(
    guarded(graphqlUrl, { method: 'POST', body: JSON.stringify({ query: 'mutation { deleteRepository }' }) }),
  ).rejects.toThrow('only GraphQL queries are sent, never mutations');
  await expect(guarded(graphqlUrl, { method: 'POST', body: 'not json' })).rejects.toThrow(/never mutations/);
  await expect(guarded(`${base}/orgs/acme`, { method: 'POST', body: query })).rejects.toThrow(
    'refusing to send POST /orgs/acme: Annexa only reads',
  );
  await expect(guarded(`${base}/orgs/acme`, { method: 'DELETE' })).rejects.toThrow(/Annexa only reads/);
  expect(posts).toBe(1);
});
