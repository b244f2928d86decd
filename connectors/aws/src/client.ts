import { type ConnectorContext, ConnectorError } from '@annexa/core';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsAccount } from './account.js';
import type { AwsConfig } from './config.js';
import { assumeRoleCredentials } from './credentials.js';
import { toConnectorError } from './errors.js';
import { Limiter } from './limiter.js';
import { annexaPlugin } from './middleware.js';
import { type AwsTuning, baseClientConfig, DEFAULT_TUNING } from './sdk-config.js';

export interface ScopeDecision<T> {
  id: T;
  inScope: boolean;
  /** Why it is out of scope (or how it came in), for the evidence. */
  reason: string;
}

export interface AccountsInScope {
  partition: string;
  accounts: ScopeDecision<string>[];
}

/** One account (or account × region) unit of work: its value, or the ConnectorError that cost it. */
export type Unit<T> =
  | { account: string; region?: string; ok: true; value: T }
  | { account: string; region?: string; ok: false; error: ConnectorError };

/** The facade collectors use: accounts and regions in scope, and bounded units of work over them. */
export interface AwsClient {
  readonly homeRegion: string;
  accounts(): Promise<AccountsInScope>;
  regions(account: AwsAccount): Promise<ScopeDecision<string>[]>;
  /** fn once per account in scope, under the instance's global bound. */
  forEachAccount<T>(fn: (account: AwsAccount) => Promise<T>): Promise<Unit<T>[]>;
  /** fn once per account × region in scope, under the same bound. */
  forEachRegion<T>(fn: (account: AwsAccount, region: string) => Promise<T>): Promise<Unit<T>[]>;
}

export function createAwsClient(
  config: AwsConfig,
  _context: ConnectorContext,
  tuning: Partial<AwsTuning> = {},
): AwsClient {
  const settings = { ...DEFAULT_TUNING, ...tuning };
  // The SDK warns on stderr that its 2027 releases need Node 22; Annexa pins its SDK versions, and a warning in
  // the middle of JSON log lines helps nobody. A user who sets the variable decides.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const global = new Limiter(config.concurrency ?? 8);
  const partition = partitionOf(config.region);
  const base: AwsCredentialIdentityProvider | undefined = config.assumeRole
    ? assumeRoleCredentials({
        roleArn: config.assumeRole,
        externalId: config.externalId,
        source: undefined,
        region: config.region,
        endpoint: config.endpoint,
        tuning: settings,
      })
    : undefined;

  const accountObjects = new Map<string, AwsAccount>();
  const account = (id: string, credentials: AwsCredentialIdentityProvider | undefined): AwsAccount => {
    let found = accountObjects.get(id);
    if (!found) {
      found = new AwsAccount({
        id,
        homeRegion: config.region,
        credentials,
        endpoint: config.endpoint,
        tuning: settings,
      });
      accountObjects.set(id, found);
    }
    return found;
  };
  const memberCredentials = (id: string): AwsCredentialIdentityProvider | undefined =>
    config.accounts
      ? assumeRoleCredentials({
          roleArn: `arn:${partition}:iam::${id}:role/${config.accounts.roleName}`,
          externalId: config.externalId,
          source: base,
          region: config.region,
          endpoint: config.endpoint,
          tuning: settings,
        })
      : base;

  const clientConfig = () =>
    baseClientConfig({
      region: config.region,
      credentials: base,
      endpoint: config.endpoint,
      tuning: settings,
    });

  let accountsPromise: Promise<AccountsInScope> | undefined;
  const resolveAccounts = async (): Promise<AccountsInScope> => {
    let ids: string[];
    let how: string;
    if (config.accounts?.ids) {
      ids = config.accounts.ids;
      how = 'listed in annexa.yaml';
    } else if (config.accounts?.fromOrganization) {
      ids = await organizationAccounts();
      how = 'an active account of the organization';
    } else {
      ids = [await callerAccount()];
      how = 'the account of the credentials';
    }
    const filter = config.scope?.accounts;
    const accounts = [...new Set(ids)].sort().map((id) => decide(id, how, filter, 'account'));
    return { partition, accounts };
  };

  async function callerAccount(): Promise<string> {
    const sts = new STSClient(clientConfig());
    sts.middlewareStack.use(
      annexaPlugin({ service: 'sts', account: undefined, region: config.region }) as never,
    );
    try {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      if (!out.Account) throw new ConnectorError('upstream', 'sts:GetCallerIdentity returned no account id');
      return out.Account;
    } catch (error) {
      throw toConnectorError(error, {
        service: 'sts',
        operation: 'GetCallerIdentity',
        region: config.region,
      });
    }
  }

  async function organizationAccounts(): Promise<string[]> {
    const organizations = new OrganizationsClient(clientConfig());
    organizations.middlewareStack.use(
      annexaPlugin({ service: 'organizations', account: undefined, region: config.region }) as never,
    );
    const ids: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await organizations.send(
          new ListAccountsCommand({ MaxResults: 20, ...(token ? { NextToken: token } : {}) }),
        );
        for (const entry of page.Accounts ?? []) {
          if (entry.Id && (entry.State ?? entry.Status) === 'ACTIVE') ids.push(entry.Id);
        }
        token = page.NextToken || undefined;
      } while (token);
    } catch (error) {
      throw toConnectorError(error, {
        service: 'organizations',
        operation: 'ListAccounts',
        region: config.region,
      });
    }
    return ids;
  }

  const regionsByAccount = new Map<string, Promise<ScopeDecision<string>[]>>();
  const regions = (target: AwsAccount): Promise<ScopeDecision<string>[]> => {
    let found = regionsByAccount.get(target.id);
    if (!found) {
      found = (async () => {
        const filter = config.scope?.regions;
        if (config.regions === 'all-enabled') {
          const enabled = await target.enabledRegions();
          return enabled.map((region) => decide(region, 'enabled in the account', filter, 'region'));
        }
        const listed = config.regions ?? [config.region];
        const how = config.regions ? 'listed in annexa.yaml' : 'the home region';
        return [...new Set(listed)].sort().map((region) => decide(region, how, filter, 'region'));
      })();
      // A failed lookup is retried by the next caller rather than cached.
      found.catch(() => regionsByAccount.delete(target.id));
      regionsByAccount.set(target.id, found);
    }
    return found;
  };

  const inScopeAccounts = async (): Promise<AwsAccount[]> => {
    accountsPromise ??= resolveAccounts().catch((error: unknown) => {
      accountsPromise = undefined;
      throw error;
    });
    const { accounts } = await accountsPromise;
    return accounts
      .filter((entry) => entry.inScope)
      .map((entry) => account(entry.id, memberCredentials(entry.id)));
  };

  const unit = async <T>(
    accountId: string,
    region: string | undefined,
    fn: () => Promise<T>,
  ): Promise<Unit<T>> => {
    const where = region === undefined ? { account: accountId } : { account: accountId, region };
    try {
      return { ...where, ok: true, value: await global.run(fn) };
    } catch (error) {
      if (error instanceof ConnectorError) return { ...where, ok: false, error };
      throw error;
    }
  };

  return {
    homeRegion: config.region,
    accounts: async () => {
      await inScopeAccounts();
      return accountsPromise as Promise<AccountsInScope>;
    },
    regions,
    forEachAccount: async (fn) => {
      const targets = await inScopeAccounts();
      return Promise.all(targets.map((target) => unit(target.id, undefined, () => fn(target))));
    },
    forEachRegion: async <T>(fn: (target: AwsAccount, region: string) => Promise<T>) => {
      const targets = await inScopeAccounts();
      const perAccount = await Promise.all(
        targets.map(async (target): Promise<Unit<T>[]> => {
          let decided: ScopeDecision<string>[];
          try {
            decided = await regions(target);
          } catch (error) {
            if (error instanceof ConnectorError) return [{ account: target.id, ok: false, error }];
            throw error;
          }
          const inScope = decided.filter((entry) => entry.inScope);
          return Promise.all(inScope.map((entry) => unit(target.id, entry.id, () => fn(target, entry.id))));
        }),
      );
      return perAccount.flat();
    },
  };
}

function decide(
  id: string,
  how: string,
  filter: { include?: string[] | undefined; exclude?: string[] | undefined } | undefined,
  noun: string,
): ScopeDecision<string> {
  if (filter?.include && !filter.include.includes(id)) {
    return { id, inScope: false, reason: `${how}; not in scope.${noun}s.include` };
  }
  if (filter?.exclude?.includes(id))
    return { id, inScope: false, reason: `${how}; in scope.${noun}s.exclude` };
  return { id, inScope: true, reason: how };
}

/** The ARN partition of a region: the roles Annexa assumes live there. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
