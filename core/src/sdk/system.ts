import type { AnyCheck } from './check.js';
import type { AnyCollector } from './collector.js';
import type { ConnectorDefinition } from './connector.js';

/**
 * Everything one system brings: its connector, the collectors that read through it and the checks
 * that judge their evidence. collectors/<system> exports one; the cli registers it.
 */
export interface SystemModule {
  // biome-ignore lint/suspicious/noExplicitAny: systems differ in config and client types.
  connector: ConnectorDefinition<string, any, any>;
  collectors: readonly AnyCollector[];
  checks: readonly AnyCheck[];
}
