import { defineConnector } from '@annexa/core';
import { type AwsClient, createAwsClient } from './client.js';
import { type AwsConfig, awsConfigSchema, describeAws } from './config.js';

/**
 * AWS: a read-only client for one or many accounts. Credentials come from the standard AWS chain (environment,
 * profile, SSO, instance role), never from annexa.yaml, so the config holds no secret.
 */
export const awsConnector = defineConnector<'aws', AwsConfig, AwsClient>({
  type: 'aws',
  config: awsConfigSchema,
  secretKeys: [],
  describe: describeAws,
  create: (config, context) => createAwsClient(config, context),
});
