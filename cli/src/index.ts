export { EXIT, type ExitCode } from './exit-codes.js';
export { type CliIo, runCli } from './program.js';
