import { awsSystem } from '@annexa/collectors-aws';
import { githubSystem } from '@annexa/collectors-github';
import { googleWorkspaceSystem } from '@annexa/collectors-google-workspace';
import type { AnyCheck, AnyCollector, ConnectorDefinition, SystemModule } from '@annexa/core';

/** Every system Annexa knows. Adding a system is one line here. */
export const SYSTEMS: readonly SystemModule[] = [githubSystem, awsSystem, googleWorkspaceSystem];

export const CONNECTORS: readonly ConnectorDefinition[] = SYSTEMS.map((system) => system.connector);
export const COLLECTORS: readonly AnyCollector[] = SYSTEMS.flatMap((system) => system.collectors);
export const CHECKS: readonly AnyCheck[] = SYSTEMS.flatMap((system) => system.checks);
