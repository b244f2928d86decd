import { awsConnector } from '@annexa/connector-aws';
import { ConnectorError, defineCollector } from '@annexa/core';
import { z } from 'zod';
import { compare, perAccount, settle, unitFailureSchema } from './units.js';

/** Which management events a trail records: read and write (`all`), one of them, or none. */
export const managementEventsSchema = z.enum(['all', 'read-only', 'write-only', 'none']);
export type ManagementEvents = z.infer<typeof managementEventsSchema>;

/**
 * From GetEventSelectors: the kind of selectors the trail has, which management events they record and the
 * event sources excluded from them (e.g. kms.amazonaws.com); or why the selectors could not be read.
 */
export const eventSelectorsSchema = z.union([
  z
    .object({
      kind: z.enum(['classic', 'advanced', 'none']),
      managementEvents: managementEventsSchema,
      excludedSources: z.array(z.string()),
    })
    .strict(),
  z.object({ failure: unitFailureSchema }).strict(),
]);
export type TrailEventSelectors = z.infer<typeof eventSelectorsSchema>;
/** Selectors that could be read. */
export type ReadEventSelectors = Exclude<TrailEventSelectors, { failure: unknown }>;

export const trailSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    homeRegion: z.string(),
    multiRegion: z.boolean(),
    organizationTrail: z.boolean(),
    includeGlobalServiceEvents: z.boolean(),
    logFileValidation: z.boolean(),
    /** The KMS key encrypting the log files; null: SSE-S3 only. */
    kmsKeyId: z.string().nullable(),
    s3BucketName: z.string().nullable(),
    /** From GetTrailStatus; null when the status could not be read. */
    isLogging: z.boolean().nullable(),
    latestDeliveryError: z.string().nullable(),
    eventSelectors: eventSelectorsSchema,
  })
  .strict();
export type CloudTrailTrail = z.infer<typeof trailSchema>;

export const cloudtrailTrailsSchema = z
  .object({ accounts: z.array(perAccount(z.object({ trails: z.array(trailSchema) }).strict())) })
  .strict();
export type CloudTrailTrails = z.infer<typeof cloudtrailTrailsSchema>;

/**
 * Trails of every account: DescribeTrails with shadow trails in the home region (a multi-region trail is seen
 * from every region), then GetTrailStatus and GetEventSelectors per trail: 1 + 2T requests per account, not one
 * DescribeTrails per region.
 */
export const cloudtrailTrails = defineCollector({
  id: 'aws.cloudtrail-trails',
  version: '2',
  connector: awsConnector,
  title: 'AWS CloudTrail trails: multi-region, logging, log file validation, KMS encryption',
  ttl: '24h',
  controls: ['8.15', '8.16', '8.24'],
  schema: cloudtrailTrailsSchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const described = await account.describeTrails(account.homeRegion);
      const seen = new Set<string>();
      const trails = await Promise.all(
        described
          .filter((trail) => {
            const key = trail.TrailARN ?? trail.Name ?? '';
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          })
          .map(async (trail) => {
            const arn = trail.TrailARN ?? trail.Name ?? '';
            const [status, eventSelectors] = await Promise.all([
              account.getTrailStatus(account.homeRegion, arn),
              account.getEventSelectors(account.homeRegion, arn).then(summarizeSelectors, selectorsFailure),
            ]);
            return {
              name: trail.Name ?? arn,
              arn,
              homeRegion: trail.HomeRegion ?? account.homeRegion,
              multiRegion: trail.IsMultiRegionTrail === true,
              organizationTrail: trail.IsOrganizationTrail === true,
              includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
              logFileValidation: trail.LogFileValidationEnabled === true,
              kmsKeyId: trail.KmsKeyId ?? null,
              s3BucketName: trail.S3BucketName ?? null,
              isLogging: status.IsLogging ?? null,
              latestDeliveryError: status.LatestDeliveryError ?? null,
              eventSelectors,
            };
          }),
      );
      return { trails: trails.sort((a, b) => compare(a.arn, b.arn)) };
    });
    return { accounts: settle(units) };
  },
});

/**
 * AccessDenied (or a trail gone meanwhile) on GetEventSelectors makes that trail's selectors not-assessable, with
 * the reason naming the IAM action; any other failure fails the account, as for GetTrailStatus.
 */
function selectorsFailure(error: unknown): TrailEventSelectors {
  if (error instanceof ConnectorError && (error.code === 'forbidden' || error.code === 'not-found'))
    return { failure: { status: 'not-assessable', reason: error.message } };
  throw error;
}

/** The parts of GetEventSelectors' answer read here (the SDK's EventSelector and AdvancedEventSelector). */
interface EventSelector {
  ReadWriteType?: string | undefined;
  IncludeManagementEvents?: boolean | undefined;
  ExcludeManagementEventSources?: string[] | undefined;
}
interface FieldSelector {
  Field: string | undefined;
  Equals?: string[] | undefined;
  StartsWith?: string[] | undefined;
  EndsWith?: string[] | undefined;
  NotEquals?: string[] | undefined;
  NotStartsWith?: string[] | undefined;
  NotEndsWith?: string[] | undefined;
}
interface AdvancedEventSelector {
  FieldSelectors?: FieldSelector[] | undefined;
}

interface Coverage {
  read: boolean;
  write: boolean;
  excluded: Set<string>;
}

/** What a trail's selectors record of management events; a trail has classic or advanced selectors, not both. */
export function summarizeSelectors(out: {
  EventSelectors?: EventSelector[] | undefined;
  AdvancedEventSelectors?: AdvancedEventSelector[] | undefined;
}): ReadEventSelectors {
  const coverage: Coverage = { read: false, write: false, excluded: new Set() };
  let kind: 'classic' | 'advanced' | 'none' = 'none';
  if (out.AdvancedEventSelectors && out.AdvancedEventSelectors.length > 0) {
    kind = 'advanced';
    for (const selector of out.AdvancedEventSelectors) advanced(selector, coverage);
  } else if (out.EventSelectors && out.EventSelectors.length > 0) {
    kind = 'classic';
    for (const selector of out.EventSelectors) classic(selector, coverage);
  }
  const managementEvents: ManagementEvents =
    coverage.read && coverage.write
      ? 'all'
      : coverage.read
        ? 'read-only'
        : coverage.write
          ? 'write-only'
          : 'none';
  return { kind, managementEvents, excludedSources: [...coverage.excluded].sort(compare) };
}

/** Classic: IncludeManagementEvents (default true) with ReadWriteType (default All). */
function classic(selector: EventSelector, coverage: Coverage): void {
  if (selector.IncludeManagementEvents === false) return;
  const type = selector.ReadWriteType ?? 'All';
  if (type === 'All' || type === 'ReadOnly') coverage.read = true;
  if (type === 'All' || type === 'WriteOnly') coverage.write = true;
  for (const source of selector.ExcludeManagementEventSources ?? []) coverage.excluded.add(source);
}

/**
 * Advanced: a selector records management events when eventCategory equals Management. A readOnly condition
 * narrows it to reads or writes; eventSource NotEquals excludes sources; any other condition (an eventSource
 * Equals, an eventName…) records only part of the management events, so the selector does not count.
 */
function advanced(selector: AdvancedEventSelector, coverage: Coverage): void {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((field) => field.Field === 'eventCategory');
  if (!category?.Equals?.includes('Management')) return;
  let read = true;
  let write = true;
  const excluded: string[] = [];
  for (const field of fields) {
    if (field === category) continue;
    if (field.Field === 'readOnly') {
      const equals = field.Equals ?? [];
      const notEquals = field.NotEquals ?? [];
      if (equals.length > 0) {
        read &&= equals.includes('true');
        write &&= equals.includes('false');
      }
      if (notEquals.includes('true')) read = false;
      if (notEquals.includes('false')) write = false;
      continue;
    }
    if (
      field.Field === 'eventSource' &&
      !field.Equals?.length &&
      !field.StartsWith?.length &&
      !field.EndsWith?.length &&
      !field.NotStartsWith?.length &&
      !field.NotEndsWith?.length
    ) {
      excluded.push(...(field.NotEquals ?? []));
      continue;
    }
    return;
  }
  coverage.read ||= read;
  coverage.write ||= write;
  if (read || write) for (const source of excluded) coverage.excluded.add(source);
}
