import { setTimeout as delay } from 'node:timers/promises';
import { ConnectorError } from '@annexa/core';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  type GetEventSelectorsCommandOutput,
  GetTrailStatusCommand,
  type GetTrailStatusCommandOutput,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  type ConfigurationRecorderStatus,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { DescribeRegionsCommand, EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import {
  GetDetectorCommand,
  type GetDetectorCommandOutput,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type PasswordPolicy,
} from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand as GetBucketPublicAccessBlockCommand,
  ListBucketsCommand,
  type PublicAccessBlockConfiguration,
  S3Client,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  CredentialReportFormatError,
  type CredentialReportRow,
  parseCredentialReport,
} from './credential-report.js';
import { awsErrorName, toConnectorError } from './errors.js';
import type { AwsService } from './iam-actions.js';
import { Limiter } from './limiter.js';
import { annexaPlugin } from './middleware.js';
import { type AwsTuning, baseClientConfig, configuredEndpoint } from './sdk-config.js';

export interface AccountSettings {
  id: string;
  homeRegion: string;
  credentials: AwsCredentialIdentityProvider | undefined;
  endpoint: string | undefined;
  tuning: AwsTuning;
}

export type CredentialReportState = 'STARTED' | 'INPROGRESS' | 'COMPLETE';
export type CredentialReportFetch =
  | { state: 'ready'; csv: string; generatedTime: string }
  | { state: 'in-progress' | 'not-present' | 'expired' };

export interface BucketSummary {
  name: string;
  region: string | null;
}

/** The reads Annexa makes in one AWS account, each bounded per service and mapped to ConnectorError. */
export class AwsAccount {
  readonly id: string;
  readonly homeRegion: string;
  readonly #settings: AccountSettings;
  readonly #clients = new Map<string, unknown>();
  readonly #limiters = new Map<AwsService, Limiter>();

  constructor(settings: AccountSettings) {
    this.#settings = settings;
    this.id = settings.id;
    this.homeRegion = settings.homeRegion;
  }

  // ---- IAM (global: called in the home region) ----

  async generateCredentialReport(): Promise<CredentialReportState> {
    const out = await this.#call('iam', this.homeRegion, 'GenerateCredentialReport', () =>
      this.#iam().send(new GenerateCredentialReportCommand({})),
    );
    return out.State ?? 'STARTED';
  }

  async getCredentialReport(): Promise<CredentialReportFetch> {
    try {
      const out = await this.#call(
        'iam',
        this.homeRegion,
        'GetCredentialReport',
        () => this.#iam().send(new GetCredentialReportCommand({})),
        true,
      );
      const csv = new TextDecoder().decode(out.Content ?? new Uint8Array());
      return { state: 'ready', csv, generatedTime: (out.GeneratedTime ?? new Date(0)).toISOString() };
    } catch (error) {
      const name = awsErrorName(error);
      if (name === 'CredentialReportNotReadyException' || name === 'ReportInProgress')
        return { state: 'in-progress' };
      if (name === 'CredentialReportNotPresentException' || name === 'ReportNotPresent')
        return { state: 'not-present' };
      if (name === 'CredentialReportExpiredException' || name === 'ReportExpired')
        return { state: 'expired' };
      throw toConnectorError(error, this.#where('iam', 'GetCredentialReport', this.homeRegion));
    }
  }

  /**
   * The credential report in as few calls as AWS allows: GenerateCredentialReport first (AWS returns COMPLETE at
   * once when a report under four hours old exists, and builds a new one otherwise), then GetCredentialReport,
   * polled while AWS answers ReportInProgress.
   */
  async credentialReport(): Promise<{ generatedTime: string; rows: CredentialReportRow[] }> {
    const { reportPollMs, reportPolls } = this.#settings.tuning;
    let state = await this.generateCredentialReport();
    for (let attempt = 0; attempt <= reportPolls; attempt++) {
      if (state === 'COMPLETE' || attempt > 0) {
        const fetched = await this.getCredentialReport();
        if (fetched.state === 'ready') {
          try {
            return { generatedTime: fetched.generatedTime, rows: parseCredentialReport(fetched.csv) };
          } catch (error) {
            const reason = error instanceof CredentialReportFormatError ? error.message : String(error);
            throw new ConnectorError(
              'upstream',
              `iam:GetCredentialReport in account ${this.id} returned a report Annexa cannot read: ${reason}`,
            );
          }
        }
        // Gone between generation and fetch (expired, or never there): ask for a new one.
        if (fetched.state !== 'in-progress') state = await this.generateCredentialReport();
      }
      // AWS builds a report in seconds for most accounts: start short, back off to 5 s.
      await delay(Math.min(reportPollMs * 2 ** attempt, 5000));
    }
    throw new ConnectorError(
      'upstream',
      `the credential report of account ${this.id} was still being generated after ${reportPolls} polls; run again later`,
    );
  }

  async getAccountSummary(): Promise<Record<string, number>> {
    const out = await this.#call('iam', this.homeRegion, 'GetAccountSummary', () =>
      this.#iam().send(new GetAccountSummaryCommand({})),
    );
    return { ...(out.SummaryMap ?? {}) } as Record<string, number>;
  }

  /** The custom password policy, or null when the account has none (IAM answers NoSuchEntity). */
  async getPasswordPolicy(): Promise<PasswordPolicy | null> {
    try {
      const out = await this.#call(
        'iam',
        this.homeRegion,
        'GetAccountPasswordPolicy',
        () => this.#iam().send(new GetAccountPasswordPolicyCommand({})),
        true,
      );
      return out.PasswordPolicy ?? null;
    } catch (error) {
      const name = awsErrorName(error);
      if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') return null;
      throw toConnectorError(error, this.#where('iam', 'GetAccountPasswordPolicy', this.homeRegion));
    }
  }

  /** Users, groups, roles and local policies in p(N, 1000) requests; AWS managed policies are filtered out. */
  async *authorizationDetails(): AsyncIterable<GetAccountAuthorizationDetailsCommandOutput> {
    let marker: string | undefined;
    do {
      const page = await this.#call('iam', this.homeRegion, 'GetAccountAuthorizationDetails', () =>
        this.#iam().send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'],
            MaxItems: 1000,
            ...(marker ? { Marker: marker } : {}),
          }),
        ),
      );
      yield page;
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  }

  // ---- EC2 ----

  /** Regions enabled for the account (opted-in or not requiring opt-in). */
  async enabledRegions(): Promise<string[]> {
    const out = await this.#call('ec2', this.homeRegion, 'DescribeRegions', () =>
      this.#client('ec2', this.homeRegion, (config) => new EC2Client(config)).send(
        new DescribeRegionsCommand({ AllRegions: false }),
      ),
    );
    return (out.Regions ?? []).flatMap((region) => (region.RegionName ? [region.RegionName] : [])).sort();
  }

  async ebsEncryptionByDefault(region: string): Promise<boolean> {
    const out = await this.#call('ec2', region, 'GetEbsEncryptionByDefault', () =>
      this.#client('ec2', region, (config) => new EC2Client(config)).send(
        new GetEbsEncryptionByDefaultCommand({}),
      ),
    );
    return out.EbsEncryptionByDefault === true;
  }

  // ---- CloudTrail ----

  /** Every trail that applies to the region, shadow copies of other regions' multi-region trails included. */
  async describeTrails(region: string): Promise<Trail[]> {
    const out = await this.#call('cloudtrail', region, 'DescribeTrails', () =>
      this.#cloudtrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
    );
    return out.trailList ?? [];
  }

  async getTrailStatus(region: string, trailArn: string): Promise<GetTrailStatusCommandOutput> {
    return this.#call('cloudtrail', region, 'GetTrailStatus', () =>
      this.#cloudtrail(region).send(new GetTrailStatusCommand({ Name: trailArn })),
    );
  }

  /** The trail's classic EventSelectors or its AdvancedEventSelectors (a trail has one kind or the other). */
  async getEventSelectors(region: string, trailArn: string): Promise<GetEventSelectorsCommandOutput> {
    return this.#call('cloudtrail', region, 'GetEventSelectors', () =>
      this.#cloudtrail(region).send(new GetEventSelectorsCommand({ TrailName: trailArn })),
    );
  }

  // ---- S3 ----

  /** The account-level public access block, or null when none is set. */
  async accountPublicAccessBlock(): Promise<PublicAccessBlockConfiguration | null> {
    try {
      const out = await this.#call(
        's3-control',
        this.homeRegion,
        'GetPublicAccessBlock',
        () =>
          this.#client('s3-control', this.homeRegion, (config) => {
            // S3 Control's endpoint rules put the account id in front of any host, custom ones included
            // (`123456789012.127.0.0.1`: not even a valid URL). A custom endpoint is used as given.
            const custom = this.#settings.endpoint ?? configuredEndpoint('S3_CONTROL');
            return new S3ControlClient(
              custom ? { ...config, endpointProvider: () => ({ url: new URL(custom) }) } : config,
            );
          }).send(new GetPublicAccessBlockCommand({ AccountId: this.id })),
        true,
      );
      return out.PublicAccessBlockConfiguration ?? null;
    } catch (error) {
      if (awsErrorName(error) === 'NoSuchPublicAccessBlockConfiguration') return null;
      throw toConnectorError(error, this.#where('s3-control', 'GetPublicAccessBlock', this.homeRegion));
    }
  }

  async listBuckets(): Promise<BucketSummary[]> {
    const buckets: BucketSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.#call('s3', this.homeRegion, 'ListBuckets', () =>
        this.#s3(this.homeRegion).send(
          new ListBucketsCommand({ MaxBuckets: 1000, ...(token ? { ContinuationToken: token } : {}) }),
        ),
      );
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name) buckets.push({ name: bucket.Name, region: bucket.BucketRegion ?? null });
      }
      token = page.ContinuationToken;
    } while (token);
    return buckets;
  }

  /** Default encryption rules, or null when the bucket has none. */
  async bucketEncryption(bucket: BucketSummary): Promise<ServerSideEncryptionRule[] | null> {
    const region = bucket.region ?? this.homeRegion;
    try {
      const out = await this.#call(
        's3',
        region,
        'GetBucketEncryption',
        () => this.#s3(region).send(new GetBucketEncryptionCommand({ Bucket: bucket.name })),
        true,
      );
      return out.ServerSideEncryptionConfiguration?.Rules ?? [];
    } catch (error) {
      if (awsErrorName(error) === 'ServerSideEncryptionConfigurationNotFoundError') return null;
      throw toConnectorError(error, this.#where('s3', 'GetBucketEncryption', region));
    }
  }

  async bucketPublicAccessBlock(bucket: BucketSummary): Promise<PublicAccessBlockConfiguration | null> {
    const region = bucket.region ?? this.homeRegion;
    try {
      const out = await this.#call(
        's3',
        region,
        'GetPublicAccessBlock',
        () => this.#s3(region).send(new GetBucketPublicAccessBlockCommand({ Bucket: bucket.name })),
        true,
      );
      return out.PublicAccessBlockConfiguration ?? null;
    } catch (error) {
      if (awsErrorName(error) === 'NoSuchPublicAccessBlockConfiguration') return null;
      throw toConnectorError(error, this.#where('s3', 'GetPublicAccessBlock', region));
    }
  }

  /** Whether the bucket policy makes the bucket public; false when it has no policy. */
  async bucketPolicyIsPublic(bucket: BucketSummary): Promise<boolean> {
    const region = bucket.region ?? this.homeRegion;
    try {
      const out = await this.#call(
        's3',
        region,
        'GetBucketPolicyStatus',
        () => this.#s3(region).send(new GetBucketPolicyStatusCommand({ Bucket: bucket.name })),
        true,
      );
      return out.PolicyStatus?.IsPublic === true;
    } catch (error) {
      if (awsErrorName(error) === 'NoSuchBucketPolicy') return false;
      throw toConnectorError(error, this.#where('s3', 'GetBucketPolicyStatus', region));
    }
  }

  // ---- Config, GuardDuty ----

  async configRecorderStatus(region: string): Promise<ConfigurationRecorderStatus[]> {
    const out = await this.#call('config', region, 'DescribeConfigurationRecorderStatus', () =>
      this.#client('config', region, (config) => new ConfigServiceClient(config)).send(
        new DescribeConfigurationRecorderStatusCommand({}),
      ),
    );
    return out.ConfigurationRecordersStatus ?? [];
  }

  async guardDutyDetectors(region: string): Promise<{ id: string; detector: GetDetectorCommandOutput }[]> {
    const guardduty = this.#client('guardduty', region, (config) => new GuardDutyClient(config));
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#call('guardduty', region, 'ListDetectors', () =>
        guardduty.send(new ListDetectorsCommand({ MaxResults: 50, ...(token ? { NextToken: token } : {}) })),
      );
      ids.push(...(page.DetectorIds ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return Promise.all(
      ids.map(async (id) => ({
        id,
        detector: await this.#call('guardduty', region, 'GetDetector', () =>
          guardduty.send(new GetDetectorCommand({ DetectorId: id })),
        ),
      })),
    );
  }

  // ---- plumbing ----

  #iam(): IAMClient {
    return this.#client('iam', this.homeRegion, (config) => new IAMClient(config));
  }

  #cloudtrail(region: string): CloudTrailClient {
    return this.#client('cloudtrail', region, (config) => new CloudTrailClient(config));
  }

  #s3(region: string): S3Client {
    return this.#client('s3', region, (config) => {
      const custom = this.#settings.endpoint ?? configuredEndpoint('S3');
      // Against a custom endpoint (LocalStack, the sandbox) bucket names cannot be host names.
      return new S3Client({
        ...config,
        followRegionRedirects: true,
        ...(custom ? { forcePathStyle: true } : {}),
      });
    });
  }

  #client<C extends { middlewareStack: { use(plugin: never): void } }>(
    service: AwsService,
    region: string,
    create: (config: ReturnType<typeof baseClientConfig>) => C,
  ): C {
    const key = `${service}/${region}`;
    let client = this.#clients.get(key) as C | undefined;
    if (!client) {
      const settings = {
        region,
        credentials: this.#settings.credentials,
        endpoint: this.#settings.endpoint,
        tuning: this.#settings.tuning,
      };
      client = create(baseClientConfig(settings));
      client.middlewareStack.use(annexaPlugin({ service, account: this.id, region }) as never);
      this.#clients.set(key, client);
    }
    return client;
  }

  /** One call under the service's bound; failures become ConnectorErrors unless the caller maps them (raw). */
  async #call<T>(
    service: AwsService,
    region: string,
    operation: string,
    send: () => Promise<T>,
    raw = false,
  ): Promise<T> {
    let limiter = this.#limiters.get(service);
    if (!limiter) {
      const { iam, other } = this.#settings.tuning.serviceConcurrency;
      limiter = new Limiter(service === 'iam' ? iam : other);
      this.#limiters.set(service, limiter);
    }
    try {
      return await limiter.run(send);
    } catch (error) {
      if (raw) throw error;
      throw toConnectorError(error, this.#where(service, operation, region));
    }
  }

  #where(service: AwsService, operation: string, region: string) {
    return { service, operation, account: this.id, region };
  }
}
