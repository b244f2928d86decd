import { ConnectorError } from '@annexa/core';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { toConnectorError } from './errors.js';
import { annexaPlugin } from './middleware.js';
import { type AwsTuning, baseClientConfig } from './sdk-config.js';

export interface AssumeRoleSettings {
  roleArn: string;
  externalId: string | undefined;
  /** Credentials to assume it with; undefined means the standard chain. */
  source: AwsCredentialIdentityProvider | undefined;
  region: string;
  endpoint: string | undefined;
  tuning: AwsTuning;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Temporary credentials of a role, assumed on first use and again five minutes before they expire. A failure
 * becomes a ConnectorError naming sts:AssumeRole and the role (never the source credentials).
 */
export function assumeRoleCredentials(settings: AssumeRoleSettings): AwsCredentialIdentityProvider {
  const account = /::(\d{12}):/.exec(settings.roleArn)?.[1];
  const sts = new STSClient(
    baseClientConfig({
      region: settings.region,
      credentials: settings.source,
      endpoint: settings.endpoint,
      tuning: settings.tuning,
    }),
  );
  sts.middlewareStack.use(annexaPlugin({ service: 'sts', account, region: settings.region }) as never);
  let current: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    const cached = current;
    if (cached) {
      return cached.then((credentials) =>
        credentials.expiration && credentials.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS
          ? refresh()
          : credentials,
      );
    }
    return refresh();
  };

  function refresh(): Promise<AwsCredentialIdentity> {
    current = assume().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    return current;
  }

  async function assume(): Promise<AwsCredentialIdentity> {
    try {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: settings.roleArn,
          RoleSessionName: 'annexa-audit',
          DurationSeconds: 3600,
          ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
        }),
      );
      const credentials = out.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
        throw new Error('AssumeRole returned no credentials');
      }
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
        ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
      };
    } catch (error) {
      const mapped = toConnectorError(error, {
        service: 'sts',
        operation: 'AssumeRole',
        account,
        region: settings.region,
      });
      // The role is what the user must fix: name it (an ARN is not a secret).
      // No cause: an SDK error carries the signed request.
      throw new ConnectorError(mapped.code, `${mapped.message} (role ${settings.roleArn})`, {
        ...(mapped.status === undefined ? {} : { status: mapped.status }),
        context: mapped.context,
      });
    }
  }
}
