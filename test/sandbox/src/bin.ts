import { AnnexaError } from '@annexa/core';
import { parseSandboxArgs } from './bin-args.js';
import { startSandbox } from './server.js';

/**
 * `tsx test/sandbox/src/bin.ts --scenario <file> [--port N]`: serves the scenario on 127.0.0.1, prints one JSON
 * line `{"url":...,"githubBaseUrl":...}` on stdout, and serves until SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const args = parseSandboxArgs(process.argv.slice(2));
  const sandbox = await startSandbox({
    scenario: args.scenario,
    ...(args.port === undefined ? {} : { port: args.port }),
  });
  process.stdout.write(
    `${JSON.stringify({ url: sandbox.url, githubBaseUrl: sandbox.githubBaseUrl, ...(sandbox.aws ? { awsUrl: sandbox.aws.url } : {}) })}\n`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Bad input and system errors (a port in use) are explained in a line; anything else is a bug: show its stack.
  const explained = error instanceof AnnexaError || (error instanceof Error && 'code' in error);
  const text =
    error instanceof Error ? (explained ? error.message : (error.stack ?? error.message)) : String(error);
  process.stderr.write(`sandbox: ${text}\n`);
  process.exit(2);
});
