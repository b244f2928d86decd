// `npm run demo`: the main job end to end on the built-in sandbox, no credentials needed.
// Starts the loopback fakes of GitHub (an organisation that does not require 2FA), AWS and Google Workspace
// (a leaver still in GitHub), runs `annexa collect` and `annexa drift` with the bundled SoA (which claims 8.5
// Secure authentication is implemented), prints what they print, and stops the sandbox.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runCli } from '@annexa/cli';
import { scenarioPath, startSandbox } from '@annexa/sandbox';

const root = fileURLToPath(new URL('..', import.meta.url));
const locker = fileURLToPath(new URL('../.annexa-demo/evidence', import.meta.url));
const config = 'examples/demo/annexa.yaml';

await rm(locker, { recursive: true, force: true });
const sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
// The AWS SDK's standard chain reads the process environment (the CLI runs in this process): the sandbox's
// dummy keys go there, and nothing of the user's own AWS setup is used.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIASANDBOX000000001',
  AWS_SECRET_ACCESS_KEY: 'sandboxSecretNotARealOne0000000000000001',
});
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: root,
  env: {
    ...process.env,
    GITHUB_TOKEN: 'ghp_sandboxOwnerToken0000000000000000001',
    ANNEXA_SANDBOX_GITHUB_URL: sandbox.githubBaseUrl,
    ANNEXA_SANDBOX_AWS_URL: sandbox.aws?.url ?? '',
    ANNEXA_SANDBOX_URL: sandbox.url,
    GOOGLE_ACCESS_TOKEN: 'ya29.sandbox-admin-token-0001',
    ANNEXA_DEMO_LOCKER: locker,
  },
};

const step = async (title: string, args: string[]) => {
  console.log(`\n$ annexa ${args.join(' ')}    # ${title}\n`);
  return runCli(args, io);
};

try {
  console.log(
    `Sandbox on ${sandbox.url}: GitHub organisation "acme" (2FA not required), AWS account ${sandbox.aws?.url ?? ''},` +
      ' Google Workspace domain acme.example (bob has left but still has access in GitHub and AWS)',
  );
  const collected = await step('collect evidence', ['-c', config, 'collect']);
  const drift = await step('compare the SoA with the evidence', ['-c', config, 'drift']);
  const verified = await step('check the locker is intact', ['-c', config, 'verify']);
  // A POST to GitHub's GraphQL endpoint is a query (the connector refuses to send mutations): a read.
  const writes = sandbox.requests.filter(
    (r) => r.method !== 'GET' && r.method !== 'HEAD' && !r.path.endsWith('/graphql'),
  ).length;
  const awsWrites = sandbox.aws?.calls.filter((call) => call.mutating).length ?? 0;
  console.log(
    `\nDemo done: collect exited ${collected}, drift exited ${drift} (1 = drift found), verify exited ${verified}.` +
      `\n${sandbox.requests.length} API requests, ${writes} write requests; ${sandbox.aws?.calls.length ?? 0} AWS calls, ${awsWrites} writes. Evidence is in ${locker}.`,
  );
  // The demo succeeds when it shows what it is meant to show: drift found, evidence intact.
  process.exitCode =
    collected === 0 && drift === 1 && verified === 0 && writes === 0 && awsWrites === 0 ? 0 : 1;
} finally {
  await sandbox.close();
}
