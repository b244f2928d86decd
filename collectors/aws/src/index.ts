import { awsConnector } from '@annexa/connector-aws';
import type { SystemModule } from '@annexa/core';
import { awsChecks } from './checks/index.js';
import { awsCollectors } from './collectors/index.js';

export * from './checks/index.js';
export * from './collectors/index.js';

/** AWS: its connector, the collectors that read through it, and the checks that judge their evidence. */
export const awsSystem: SystemModule = {
  connector: awsConnector,
  collectors: awsCollectors,
  checks: awsChecks,
};
