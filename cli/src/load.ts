import { loadConfig, loadSoa, type Soa } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';
import type { CliContext } from './context.js';
import { CONNECTORS } from './systems.js';

export type LoadedConfig = Awaited<ReturnType<typeof loadConfig>>;

/** annexa.yaml, validated against every known connector type, with ${ENV} from the context. */
export function loadProjectConfig(context: CliContext): Promise<LoadedConfig> {
  return loadConfig(context.configPath, { connectors: CONNECTORS, env: context.env });
}

export function loadProjectSoa(config: LoadedConfig): Promise<Soa> {
  return loadSoa(config.soa, config.risks === undefined ? {} : { risksFile: config.risks });
}

export async function openLocker(dir: string): Promise<FsLocker> {
  const locker = new FsLocker(dir);
  await locker.init();
  return locker;
}
