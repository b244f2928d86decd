import { createHash, randomBytes } from 'node:crypto';
import { credentialReportCsv } from './credential-report.js';
import { type AwsAccountWorld, type AwsWorld, enabledRegions, regionsOf, usersOf } from './scenario.js';
import { escapeXml, members, type XmlNode, xml } from './xml.js';

/** A request as the AWS fake sees it: routed by the SigV4 credential scope. */
export interface AwsRequest {
  method: string;
  /** Path below the server root, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AwsResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who called what: from the Authorization header and the protocol's way of naming the operation. */
export interface AwsCallInfo {
  service: string;
  region: string;
  operation: string;
  accessKeyId: string;
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const S3CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Operations that change nothing: everything else is refused (GenerateCredentialReport and AssumeRole create
 * a report or a session, change no configuration, and are what a read-only audit role is granted). */
export function isReadOnlyOperation(operation: string): boolean {
  return (
    /^(Get|List|Describe)[A-Z]/.test(operation) ||
    operation === 'GenerateCredentialReport' ||
    operation === 'AssumeRole'
  );
}

const ACTIONS: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3-control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};
function actionOf(service: string, operation: string): string {
  return ACTIONS[`${service}:${operation}`] ?? `${service === 's3-control' ? 's3' : service}:${operation}`;
}

interface ReportState {
  generatedAt: Date | null;
  /** GetCredentialReport calls still to answer ReportInProgress. */
  pollsLeft: number;
}

export class AwsFake {
  readonly #world: AwsWorld;
  readonly #keys = new Map<string, string>();
  readonly #reports = new Map<string, ReportState>();

  constructor(world: AwsWorld) {
    this.#world = world;
    for (const credential of world.credentials) this.#keys.set(credential.accessKeyId, credential.account);
    const now = Date.now();
    for (const account of world.accounts) {
      const age = account.credentialReportAgeHours;
      this.#reports.set(account.id, {
        generatedAt: age === null ? null : new Date(now - age * HOUR),
        pollsLeft: 0,
      });
    }
  }

  accountOf(accessKeyId: string): string | undefined {
    return this.#keys.get(accessKeyId);
  }

  /** Service, region, operation and key of a request; undefined when it is not SigV4-signed. */
  identify(request: AwsRequest): AwsCallInfo | undefined {
    const authorization = String(request.headers.authorization ?? '');
    const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
    if (!scope) return undefined;
    const [, accessKeyId = '', region = '', signingService = ''] = scope;
    let service = signingService;
    if (service === 's3' && request.path.startsWith('/v20180820/')) service = 's3-control';
    return { service, region, operation: operationOf(service, request), accessKeyId };
  }

  handle(request: AwsRequest, call: AwsCallInfo): AwsResponse {
    const accountId = this.#keys.get(call.accessKeyId);
    const account = this.#world.accounts.find((entry) => entry.id === accountId);
    if (!account)
      return errorFor(
        call,
        403,
        call.service === 'sts' || call.service === 'iam'
          ? 'InvalidClientTokenId'
          : 'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    if (!isReadOnlyOperation(call.operation)) {
      return errorFor(
        call,
        403,
        'AccessDenied',
        `the sandbox is read-only: ${call.service}:${call.operation} refused`,
      );
    }
    const action = actionOf(call.service, call.operation);
    if (account.denied.includes(action)) {
      return errorFor(
        call,
        call.service === 'ec2' ? 403 : 403,
        call.service === 'ec2'
          ? 'UnauthorizedOperation'
          : call.service === 'iam' || call.service === 'sts' || call.service.startsWith('s3')
            ? 'AccessDenied'
            : 'AccessDeniedException',
        `User: arn:aws:sts::${account.id}:assumed-role/annexa-audit/annexa-audit is not authorized to perform: ${action}`,
      );
    }
    const regional = ['cloudtrail', 'config', 'guardduty', 'ec2'].includes(call.service);
    if (regional && !enabledRegions(account).includes(call.region)) {
      // Assumption: every service answers OptInRequired in a region the account has not enabled (EC2 does; others
      // may answer UnrecognizedClientException, which a client cannot tell from bad credentials).
      return errorFor(
        call,
        403,
        'OptInRequired',
        `The AWS account is not subscribed to the region ${call.region}.`,
      );
    }
    switch (call.service) {
      case 'sts':
        return this.#sts(request, call, account);
      case 'iam':
        return this.#iam(request, call, account);
      case 'organizations':
        return this.#organizations(call, account);
      case 'ec2':
        return this.#ec2(call, account);
      case 'cloudtrail':
        return this.#cloudtrail(request, call, account);
      case 'config':
        return this.#config(call, account);
      case 'guardduty':
        return this.#guardduty(request, call, account);
      case 's3':
        return this.#s3(request, call, account);
      case 's3-control':
        return this.#s3control(request, call, account);
      default:
        return errorFor(call, 400, 'UnknownService', `the sandbox does not fake ${call.service}`);
    }
  }

  /** A throttling answer in the protocol of the call, as AWS sends it when a token bucket is empty. */
  throttle(call: AwsCallInfo): AwsResponse {
    if (call.service === 's3' || call.service === 's3-control')
      return errorFor(call, 503, 'SlowDown', 'Please reduce your request rate.');
    if (call.service === 'ec2') return errorFor(call, 503, 'RequestLimitExceeded', 'Request limit exceeded.');
    if (call.service === 'iam' || call.service === 'sts')
      return errorFor(call, 400, 'Throttling', 'Rate exceeded');
    return errorFor(call, 400, 'ThrottlingException', 'Rate exceeded');
  }

  // ---- STS ----
  #sts(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation === 'GetCallerIdentity') {
      return query(STS_NS, call.operation, {
        Arn: `arn:aws:sts::${account.id}:assumed-role/annexa-audit/annexa-audit`,
        UserId: 'AROASANDBOX:annexa-audit',
        Account: account.id,
      });
    }
    if (call.operation === 'AssumeRole') {
      const form = new URLSearchParams(request.body);
      const arn = form.get('RoleArn') ?? '';
      const target = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(arn);
      const targetAccount = this.#world.accounts.find((entry) => entry.id === target?.[1]);
      if (!target || !targetAccount) {
        return errorFor(
          call,
          403,
          'AccessDenied',
          `User: arn:aws:sts::${account.id}:assumed-role/annexa-audit/annexa-audit is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        );
      }
      const key = `ASIA${createHash('sha256')
        .update(`${targetAccount.id}/${randomBytes(8).toString('hex')}`)
        .digest('hex')
        .slice(0, 16)
        .toUpperCase()}`;
      this.#keys.set(key, targetAccount.id);
      return query(STS_NS, call.operation, {
        Credentials: {
          AccessKeyId: key,
          SecretAccessKey: 'sandboxSecretKeyNotASecret0000000000000000',
          SessionToken: 'sandboxSessionToken',
          Expiration: new Date(Date.now() + HOUR).toISOString(),
        },
        AssumedRoleUser: {
          Arn: `arn:aws:sts::${targetAccount.id}:assumed-role/${target[2]}/annexa-audit`,
          AssumedRoleId: 'AROASANDBOX:annexa-audit',
        },
      });
    }
    return unsupported(call);
  }

  // ---- IAM ----
  #iam(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    const now = new Date();
    const report = this.#reports.get(account.id) as ReportState;
    switch (call.operation) {
      case 'GenerateCredentialReport': {
        // At most one report every four hours: a newer one is simply complete.
        if (
          report.generatedAt &&
          now.getTime() - report.generatedAt.getTime() < 4 * HOUR &&
          report.pollsLeft === 0
        ) {
          return query(IAM_NS, call.operation, { State: 'COMPLETE' });
        }
        if (report.pollsLeft > 0) return query(IAM_NS, call.operation, { State: 'INPROGRESS' });
        report.generatedAt = now;
        report.pollsLeft = account.reportPolls;
        return query(IAM_NS, call.operation, {
          State: report.pollsLeft > 0 ? 'STARTED' : 'COMPLETE',
          Description: 'No report exists. Starting a new report generation task',
        });
      }
      case 'GetCredentialReport': {
        if (!report.generatedAt)
          return errorFor(call, 410, 'ReportNotPresent', 'Credential report not present');
        if (report.pollsLeft > 0) {
          report.pollsLeft--;
          return errorFor(call, 404, 'ReportInProgress', 'Credential report is being generated');
        }
        const csv = credentialReportCsv(account, report.generatedAt);
        return query(IAM_NS, call.operation, {
          Content: Buffer.from(csv).toString('base64'),
          ReportFormat: 'text/csv',
          GeneratedTime: report.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
      }
      case 'GetAccountSummary': {
        const users = usersOf(account);
        const summary: Record<string, number> = {
          AccountMFAEnabled: account.root.mfa ? 1 : 0,
          AccountAccessKeysPresent: account.root.accessKeys ? 1 : 0,
          AccountSigningCertificatesPresent: 0,
          Users: users.length,
          Groups: account.groups.length,
          Roles: account.roles.length,
          Policies: account.policies.length,
          MFADevicesInUse: users.filter((user) => user.mfa).length + (account.root.mfa ? 1 : 0),
          UsersQuota: 5000,
        };
        return query(IAM_NS, call.operation, {
          SummaryMap: { entry: Object.entries(summary).map(([key, value]) => ({ key, value })) },
        });
      }
      case 'GetAccountPasswordPolicy':
        if (!account.passwordPolicy)
          return errorFor(
            call,
            404,
            'NoSuchEntity',
            `The Password Policy with domain name ${account.id} cannot be found.`,
          );
        return query(IAM_NS, call.operation, { PasswordPolicy: account.passwordPolicy as XmlNode });
      case 'GetAccountAuthorizationDetails':
        return this.#authorizationDetails(request, call, account);
      default:
        return unsupported(call);
    }
  }

  #authorizationDetails(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    const form = new URLSearchParams(request.body);
    const maxItems = Math.min(1000, Number(form.get('MaxItems') ?? 100) || 100);
    const start = Number(form.get('Marker') ?? 0) || 0;
    const filters = [...form.entries()]
      .filter(([key]) => key.startsWith('Filter.member.'))
      .map(([, value]) => value);
    const wants = (kind: string) => filters.length === 0 || filters.includes(kind);
    const created = '2024-01-15T09:30:00Z';
    const attached = (arns: string[]) =>
      members(
        arns.map((arn) => ({
          PolicyName: arn.split('/').pop() ?? arn,
          PolicyArn: policyArn(account.id, arn),
        })),
      );
    const inline = (policies: { name: string; document: Record<string, unknown> }[]) =>
      members(
        policies.map((policy) => ({
          PolicyName: policy.name,
          PolicyDocument: encodeURIComponent(JSON.stringify(policy.document)),
        })),
      );
    const entities: { list: string; item: XmlNode }[] = [];
    if (wants('User')) {
      for (const user of usersOf(account)) {
        entities.push({
          list: 'UserDetailList',
          item: {
            Path: '/',
            UserName: user.name,
            UserId: `AIDA${user.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 21),
            Arn: `arn:aws:iam::${account.id}:user/${user.name}`,
            CreateDate: created,
            UserPolicyList: inline(user.inlinePolicies),
            GroupList: members(user.groups),
            AttachedManagedPolicies: attached(user.attachedPolicies),
            Tags: members(Object.entries(user.tags).map(([Key, Value]) => ({ Key, Value }))),
          },
        });
      }
    }
    if (wants('Group')) {
      for (const group of account.groups) {
        entities.push({
          list: 'GroupDetailList',
          item: {
            Path: '/',
            GroupName: group.name,
            GroupId: `AGPA${group.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${account.id}:group/${group.name}`,
            CreateDate: created,
            GroupPolicyList: inline(group.inlinePolicies),
            AttachedManagedPolicies: attached(group.attachedPolicies),
          },
        });
      }
    }
    if (wants('Role')) {
      for (const role of account.roles) {
        entities.push({
          list: 'RoleDetailList',
          item: {
            Path: '/',
            RoleName: role.name,
            RoleId: `AROA${role.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${account.id}:role/${role.name}`,
            CreateDate: created,
            RolePolicyList: inline(role.inlinePolicies),
            AttachedManagedPolicies: attached(role.attachedPolicies),
          },
        });
      }
    }
    if (wants('LocalManagedPolicy')) {
      for (const policy of account.policies) {
        entities.push({
          list: 'Policies',
          item: {
            PolicyName: policy.name,
            PolicyId: `ANPA${policy.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${account.id}:policy/${policy.name}`,
            Path: '/',
            DefaultVersionId: 'v1',
            AttachmentCount: 1,
            IsAttachable: true,
            CreateDate: created,
            UpdateDate: created,
            PolicyVersionList: members([
              {
                Document: encodeURIComponent(JSON.stringify(policy.document)),
                VersionId: 'v1',
                IsDefaultVersion: true,
                CreateDate: created,
              },
            ]),
          },
        });
      }
    }
    const page = entities.slice(start, start + maxItems);
    const lists: Record<string, XmlNode[]> = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    for (const entity of page) lists[entity.list]?.push(entity.item);
    const truncated = start + maxItems < entities.length;
    return query(IAM_NS, call.operation, {
      UserDetailList: members(lists.UserDetailList ?? []),
      GroupDetailList: members(lists.GroupDetailList ?? []),
      RoleDetailList: members(lists.RoleDetailList ?? []),
      Policies: members(lists.Policies ?? []),
      IsTruncated: truncated,
      ...(truncated ? { Marker: String(start + maxItems) } : {}),
    });
  }

  // ---- Organizations ----
  #organizations(call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation !== 'ListAccounts') return unsupported(call);
    if (!this.#world.organization)
      return errorFor(
        call,
        400,
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    if (account.id !== this.#world.accounts[0]?.id)
      return errorFor(
        call,
        400,
        'AccessDeniedException',
        "You don't have permissions to access this resource.",
      );
    const accounts = this.#world.accounts.map((entry) => ({
      Id: entry.id,
      Arn: `arn:aws:organizations::${account.id}:account/o-sandbox/${entry.id}`,
      Name: `account-${entry.id}`,
      Email: `aws+${entry.id}@example.com`,
      Status: 'ACTIVE',
      State: 'ACTIVE',
    }));
    return json(200, { Accounts: accounts });
  }

  // ---- EC2 ----
  #ec2(call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation === 'DescribeRegions') {
      return ec2(call.operation, {
        regionInfo: {
          item: enabledRegions(account).map((name) => ({
            regionName: name,
            regionEndpoint: `ec2.${name}.amazonaws.com`,
            optInStatus: 'opt-in-not-required',
          })),
        },
      });
    }
    if (call.operation === 'GetEbsEncryptionByDefault') {
      return ec2(call.operation, {
        ebsEncryptionByDefault: regionsOf(account, account.ebsEncryptionByDefault).includes(call.region),
        sseType: 'sse-ebs',
      });
    }
    return unsupported(call);
  }

  // ---- CloudTrail ----
  #cloudtrail(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    const arn = (name: string, home: string) => `arn:aws:cloudtrail:${home}:${account.id}:trail/${name}`;
    if (call.operation === 'DescribeTrails') {
      const trails = account.trails
        .filter((trail) => trail.homeRegion === call.region || trail.multiRegion)
        .map((trail) => ({
          Name: trail.name,
          TrailARN: arn(trail.name, trail.homeRegion),
          HomeRegion: trail.homeRegion,
          S3BucketName: trail.s3BucketName,
          IsMultiRegionTrail: trail.multiRegion,
          IncludeGlobalServiceEvents: trail.multiRegion,
          LogFileValidationEnabled: trail.logFileValidation,
          IsOrganizationTrail: false,
          HasCustomEventSelectors: Boolean(trail.eventSelectors ?? trail.advancedEventSelectors),
          HasInsightSelectors: false,
          ...(trail.kmsKeyId ? { KmsKeyId: trail.kmsKeyId } : {}),
        }));
      return json(200, { trailList: trails });
    }
    if (call.operation === 'GetTrailStatus') {
      const name = String((JSON.parse(request.body || '{}') as { Name?: unknown }).Name ?? '');
      const trail = account.trails.find(
        (entry) => entry.name === name || arn(entry.name, entry.homeRegion) === name,
      );
      if (!trail)
        return errorFor(
          call,
          400,
          'TrailNotFoundException',
          `Unknown trail: ${name} for the user: ${account.id}`,
        );
      return json(200, {
        IsLogging: trail.logging,
        LatestDeliveryTime: Math.floor(Date.now() / 1000) - 300,
        ...(trail.logging ? {} : { StopLoggingTime: Math.floor(Date.now() / 1000) - 40 * 86400 }),
      });
    }
    if (call.operation === 'GetEventSelectors') {
      const name = String((JSON.parse(request.body || '{}') as { TrailName?: unknown }).TrailName ?? '');
      const trail = account.trails.find(
        (entry) => entry.name === name || arn(entry.name, entry.homeRegion) === name,
      );
      if (!trail)
        return errorFor(
          call,
          400,
          'TrailNotFoundException',
          `Unknown trail: ${name} for the user: ${account.id}`,
        );
      const TrailARN = arn(trail.name, trail.homeRegion);
      if (trail.advancedEventSelectors)
        return json(200, { TrailARN, AdvancedEventSelectors: trail.advancedEventSelectors });
      const selectors = trail.eventSelectors ?? [
        { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
      ];
      return json(200, {
        TrailARN,
        EventSelectors: selectors.map((selector) => ({ ...selector, DataResources: [] })),
      });
    }
    return unsupported(call);
  }

  // ---- Config ----
  #config(call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation !== 'DescribeConfigurationRecorderStatus') return unsupported(call);
    const recording = regionsOf(account, account.configRecording).includes(call.region);
    return json(200, {
      ConfigurationRecordersStatus: recording
        ? [
            {
              name: 'default',
              recording: true,
              lastStatus: 'SUCCESS',
              lastStartTime: Math.floor(Date.now() / 1000) - 30 * 86400,
            },
          ]
        : [],
    });
  }

  // ---- GuardDuty (REST JSON) ----
  #guardduty(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    const enabled = regionsOf(account, account.guardDuty).includes(call.region);
    const detectorId = createHash('sha256').update(`${account.id}/${call.region}`).digest('hex').slice(0, 32);
    if (call.operation === 'ListDetectors') return json(200, { detectorIds: enabled ? [detectorId] : [] });
    if (call.operation === 'GetDetector') {
      if (!enabled || request.path !== `/detector/${detectorId}`)
        return errorFor(
          call,
          400,
          'BadRequestException',
          'The request is rejected because the input detectorId is not owned by the current account.',
        );
      return json(200, {
        status: 'ENABLED',
        serviceRole: `arn:aws:iam::${account.id}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        findingPublishingFrequency: 'SIX_HOURS',
        createdAt: '2024-01-15T09:30:00.000Z',
        updatedAt: '2024-01-15T09:30:00.000Z',
      });
    }
    return unsupported(call);
  }

  // ---- S3 ----
  #s3(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation === 'ListBuckets') {
      return restXml(200, 'ListAllMyBucketsResult', S3_NS, {
        Buckets: {
          Bucket: account.buckets.map((bucket) => ({
            Name: bucket.name,
            CreationDate: '2024-01-15T09:30:00.000Z',
            BucketRegion: bucket.region,
          })),
        },
        Owner: { ID: createHash('sha256').update(account.id).digest('hex') },
      });
    }
    const name = decodeURIComponent(request.path.split('/')[1] ?? '');
    const bucket = account.buckets.find((entry) => entry.name === name);
    if (!bucket) return errorFor(call, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    switch (call.operation) {
      case 'GetBucketEncryption':
        if (!bucket.encryption)
          return errorFor(
            call,
            404,
            'ServerSideEncryptionConfigurationNotFoundError',
            'The server side encryption configuration was not found',
          );
        return restXml(200, 'ServerSideEncryptionConfiguration', S3_NS, {
          Rule: {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: bucket.encryption },
            BucketKeyEnabled: bucket.encryption !== 'AES256',
          },
        });
      case 'GetPublicAccessBlock':
        if (!bucket.publicAccessBlock)
          return errorFor(
            call,
            404,
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
          );
        return restXml(200, 'PublicAccessBlockConfiguration', S3_NS, bucket.publicAccessBlock);
      case 'GetBucketPolicyStatus':
        if (!bucket.policyPublic)
          return errorFor(call, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
        return restXml(200, 'PolicyStatus', S3_NS, { IsPublic: true });
      default:
        return unsupported(call);
    }
  }

  #s3control(request: AwsRequest, call: AwsCallInfo, account: AwsAccountWorld): AwsResponse {
    if (call.operation !== 'GetPublicAccessBlock') return unsupported(call);
    const asked = String(request.headers['x-amz-account-id'] ?? '');
    if (asked !== account.id) return errorFor(call, 403, 'AccessDenied', 'Access Denied');
    if (!account.publicAccessBlock)
      return errorFor(
        call,
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return restXml(200, 'PublicAccessBlockConfiguration', S3CONTROL_NS, account.publicAccessBlock);
  }
}

/** How each protocol names the operation: Query `Action`, JSON `X-Amz-Target`, REST the method and path. */
function operationOf(service: string, request: AwsRequest): string {
  if (service === 'iam' || service === 'sts' || service === 'ec2') {
    return new URLSearchParams(request.body).get('Action') ?? request.query.get('Action') ?? 'Unknown';
  }
  if (service === 'cloudtrail' || service === 'config' || service === 'organizations') {
    return (
      String(request.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() || 'Unknown'
    );
  }
  const method = request.method;
  if (service === 'guardduty') {
    if (method === 'GET' && request.path === '/detector') return 'ListDetectors';
    if (method === 'GET' && /^\/detector\/[^/]+$/.test(request.path)) return 'GetDetector';
    if (method === 'POST' && request.path === '/detector') return 'CreateDetector';
    return `${method}${request.path}`.replace(/[^A-Za-z]/g, '');
  }
  if (service === 's3-control') {
    if (request.path.endsWith('/configuration/publicAccessBlock'))
      return method === 'GET'
        ? 'GetPublicAccessBlock'
        : method === 'PUT'
          ? 'PutPublicAccessBlock'
          : 'DeletePublicAccessBlock';
    return `${method}Unknown`;
  }
  if (service === 's3') {
    const isBucket = request.path.split('/').filter(Boolean).length === 1;
    if (method === 'GET' && request.path === '/') return 'ListBuckets';
    const verb =
      method === 'GET'
        ? 'Get'
        : method === 'PUT'
          ? 'Put'
          : method === 'DELETE'
            ? 'Delete'
            : method === 'HEAD'
              ? 'Head'
              : 'Post';
    if (isBucket && request.query.has('encryption')) return `${verb}BucketEncryption`;
    if (isBucket && request.query.has('publicAccessBlock')) return `${verb}PublicAccessBlock`;
    if (isBucket && request.query.has('policyStatus')) return `${verb}BucketPolicyStatus`;
    if (isBucket && request.query.has('policy')) return `${verb}BucketPolicy`;
    return `${verb}${isBucket ? 'Bucket' : 'Object'}`;
  }
  return 'Unknown';
}

function requestId(): string {
  return randomBytes(16).toString('hex');
}

function query(namespace: string, operation: string, result: XmlNode): AwsResponse {
  const body = `<${operation}Response xmlns="${namespace}"><${operation}Result>${xml(result)}</${operation}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

function ec2(operation: string, result: XmlNode): AwsResponse {
  const body = `<${operation}Response xmlns="${EC2_NS}"><requestId>${requestId()}</requestId>${xml(result)}</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

function restXml(status: number, root: string, namespace: string, content: XmlNode): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${namespace}">${xml(content)}</${root}>`,
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
    body: JSON.stringify(body),
  };
}

/** An error in the protocol of the call. */
export function errorFor(
  call: Pick<AwsCallInfo, 'service'>,
  status: number,
  code: string,
  message: string,
): AwsResponse {
  switch (call.service) {
    case 'iam':
    case 'sts':
      return {
        status,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse xmlns="${call.service === 'iam' ? IAM_NS : STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
      };
    case 'ec2':
      return {
        status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId()}</RequestID></Response>`,
      };
    case 's3':
    case 's3-control':
      return {
        status,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId()}</RequestId></Error>`,
      };
    case 'guardduty':
      return json(status, { message: message, __type: code }, { 'x-amzn-errortype': code });
    default:
      return json(status, { __type: code, message });
  }
}

function unsupported(call: AwsCallInfo): AwsResponse {
  return errorFor(call, 400, 'InvalidAction', `the sandbox does not fake ${call.service}:${call.operation}`);
}

/** An AWS-managed policy name (`AdministratorAccess`) becomes its ARN; a full ARN or a local name is kept. */
function policyArn(account: string, policy: string): string {
  if (policy.startsWith('arn:')) return policy;
  if (policy === 'AdministratorAccess' || policy === 'ReadOnlyAccess' || policy === 'SecurityAudit')
    return `arn:aws:iam::aws:policy/${policy}`;
  return `arn:aws:iam::${account}:policy/${policy}`;
}

export const DAY_MS = DAY;
