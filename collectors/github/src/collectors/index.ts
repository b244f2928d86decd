import type { AnyCollector } from '@annexa/core';
import { members2fa } from './members-2fa.js';
import { orgSettings } from './org-settings.js';

export { members2fa, orgSettings };

/** Every GitHub collector, one line each. */
export const githubCollectors: readonly AnyCollector[] = [
  orgSettings, // github.org-settings
  members2fa, // github.members-2fa
];
