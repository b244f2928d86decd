import { ConnectorError } from '@annexa/core';
import { z } from 'zod';
import { type AwsService, iamAction } from './iam-actions.js';

/** Where a failed call went: enough to say what to grant, nothing secret. */
export interface AwsCall {
  service: AwsService;
  operation: string;
  account?: string | undefined;
  region?: string | undefined;
}

/** What Annexa reads of an SDK error. Its `$response` (headers, signed request) is never touched. */
const sdkErrorShape = z.object({
  name: z.string(),
  message: z.string().optional(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
});

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);
const NOT_ENABLED = new Set([
  'OptInRequired',
  'SubscriptionRequiredException',
  'AWSOrganizationsNotInUseException',
  'InvalidClientTokenIdInRegion',
]);
const AUTH = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
  'TokenRefreshRequired',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'LimitExceededException',
]);
const NOT_FOUND = /^(NoSuch|NotFound|.*NotFoundException$|ResourceNotFound|TrailNotFound)/;

const MAX_MESSAGE = 240;

/**
 * Maps any failure of an AWS call to a ConnectorError that names the call, the account and region, AWS's error
 * code and what to do (for AccessDenied: the IAM action to grant). Never a header, a signature or a credential.
 */
export function toConnectorError(error: unknown, call: AwsCall): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const action = iamAction(call.service, call.operation);
  const where = `${action}${call.account ? ` in account ${call.account}` : ''}${call.region ? ` (${call.region})` : ''}`;
  const shape = sdkErrorShape.safeParse(error);
  if (!shape.success) {
    return new ConnectorError('upstream', `AWS call ${where} failed: ${firstLine(String(error))}`);
  }
  const { name } = shape.data;
  const status = shape.data.$metadata?.httpStatusCode;
  const said = `AWS answered ${name}${status ? ` (${status})` : ''} to ${where}`;
  const awsMessage = firstLine(shape.data.message ?? '');
  const options = {
    ...(status === undefined ? {} : { status }),
    context: {
      service: call.service,
      operation: call.operation,
      action,
      account: call.account,
      region: call.region,
    },
  };
  if (DENIED.has(name)) {
    return new ConnectorError(
      'forbidden',
      `${said}: grant ${action} to the role Annexa uses (see policies/annexa-aws-readonly.json)`,
      options,
    );
  }
  if (NOT_ENABLED.has(name)) {
    return new ConnectorError(
      'forbidden',
      `${said}: the service or region is not enabled for this account${awsMessage ? ` (${awsMessage})` : ''}; enable it or exclude the region in scope`,
      options,
    );
  }
  if (AUTH.has(name) || status === 401) {
    return new ConnectorError(
      'auth',
      `${said}: the credentials are missing, invalid or expired (standard AWS chain: environment, profile, SSO, instance role)`,
      options,
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    return new ConnectorError('rate-limited', `${said}: still throttled after adaptive retries`, options);
  }
  if (NOT_FOUND.test(name) || status === 404) {
    return new ConnectorError('not-found', `${said}${awsMessage ? `: ${awsMessage}` : ''}`, options);
  }
  if (name === 'TimeoutError' || name === 'AbortError' || status === undefined || status >= 500) {
    return new ConnectorError(
      'upstream',
      `${said}${awsMessage ? `: ${awsMessage}` : ''} (AWS failed or could not be reached; retries exhausted)`,
      options,
    );
  }
  return new ConnectorError(
    'invalid-request',
    `${said}${awsMessage ? `: ${awsMessage}` : ''} (Annexa sent a request AWS refused: a bug)`,
    options,
  );
}

/** The AWS error code of an SDK error, for callers that expect one (NoSuchEntity, ReportInProgress). */
export function awsErrorName(error: unknown): string | undefined {
  const shape = sdkErrorShape.safeParse(error);
  return shape.success ? shape.data.name : undefined;
}

function firstLine(text: string): string {
  // Credentials never appear in AWS messages, but a signature-mismatch message quotes the string to sign.
  const line = (text.split(/\r?\n/, 1)[0] ?? '').replace(/Signature[^,]*/g, 'Signature…').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
