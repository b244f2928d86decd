// The GitHub sandbox in a process of its own for `pnpm bench`, so its CPU does not slow the client it measures
// (a real GitHub is another machine). Talks over the fork IPC channel: it sends { url } once listening, and
// answers 'requests' with { requests: [{ status }] } and 'reset' by clearing its request log.
import { scenarioPath, startSandbox } from '@annexa/sandbox';

const [file, latency] = process.argv.slice(2);
const sandbox = await startSandbox({
  scenario: scenarioPath(file ?? 'github/no-2fa.yaml'),
  faults: { latencyMs: Number(latency ?? 0) },
});
process.send?.({ url: sandbox.githubBaseUrl });
process.on('message', (message) => {
  if (message === 'requests')
    process.send?.({ requests: sandbox.requests.map((r) => ({ status: r.status })) });
  if (message === 'reset') {
    sandbox.resetRequests();
    process.send?.({ reset: true });
  }
  if (message === 'close') void sandbox.close().then(() => process.exit(0));
});
