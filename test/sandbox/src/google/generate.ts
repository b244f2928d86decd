import type { GoogleActivitySpec, GoogleUserSpec, GoogleWorld } from './scenario.js';

const DAY_MS = 86_400_000;

/** The Directory `User` body of a scenario user, its times relative to `now`. */
export function userBody(
  user: GoogleUserSpec,
  id: string,
  world: GoogleWorld,
  now: number,
): Record<string, unknown> {
  const [localPart = ''] = user.email.split('@');
  return {
    kind: 'admin#directory#user',
    id,
    etag: `"${id}"`,
    primaryEmail: user.email,
    name: { givenName: localPart, familyName: 'Example', fullName: `${localPart} Example` },
    isAdmin: user.admin === 'super',
    isDelegatedAdmin: user.admin === 'delegated',
    lastLoginTime:
      user.lastLoginDaysAgo === null
        ? '1970-01-01T00:00:00.000Z'
        : new Date(now - user.lastLoginDaysAgo * DAY_MS).toISOString(),
    creationTime: new Date(now - user.createdDaysAgo * DAY_MS).toISOString(),
    agreedToTerms: true,
    suspended: user.suspended,
    ...(user.suspended ? { suspensionReason: 'ADMIN' } : {}),
    archived: user.archived,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: [{ address: user.email, primary: true }],
    ...(user.aliases.length > 0 ? { aliases: user.aliases } : {}),
    customerId: world.customerId,
    orgUnitPath: user.orgUnit,
    isMailboxSetup: true,
    isEnrolledIn2Sv: user.enrolled2sv,
    isEnforcedIn2Sv: user.enforced2sv,
    includeInGlobalAddressList: true,
  };
}

/** The i-th generated user (0-based): made up on demand, never stored. */
export function generatedUser(world: GoogleWorld, index: number): GoogleUserSpec {
  const generate = world.generate;
  const every = (n: number) => n > 0 && (index + 1) % n === 0;
  return {
    email: `user${index}@${world.domain}`,
    admin: 'none',
    enrolled2sv: !every(generate?.withoutTwoSvEvery ?? 0),
    enforced2sv: true,
    suspended: false,
    archived: false,
    lastLoginDaysAgo: every(generate?.inactiveEvery ?? 0) ? 200 : 1,
    createdDaysAgo: 400,
    orgUnit: '/',
    aliases: [],
  };
}

export function userId(index: number): string {
  return `1${String(index).padStart(20, '0')}`;
}

/** The Reports API body of a scenario activity, timed `hoursAgo` before `end`. */
export function activityBody(
  application: string,
  spec: GoogleActivitySpec,
  world: GoogleWorld,
  end: number,
  qualifier: number,
): Record<string, unknown> {
  const time = new Date(end - spec.hoursAgo * 3_600_000).toISOString();
  return {
    kind: 'admin#reports#activity',
    id: {
      time,
      uniqueQualifier: String(qualifier),
      applicationName: application,
      customerId: world.customerId,
    },
    etag: `"${qualifier}"`,
    actor: { email: spec.actor, profileId: String(100_000 + qualifier), callerType: 'USER' },
    ipAddress: spec.ipAddress,
    events: [
      {
        type: spec.type ?? defaultType(application, spec.name),
        name: spec.name,
        parameters: Object.entries(spec.parameters).map(([name, value]) => parameter(name, value)),
      },
    ],
  };
}

/** The j-th generated event of an application, spread evenly over [start, end], newest first. */
export function generatedActivity(
  application: 'login' | 'admin',
  world: GoogleWorld,
  index: number,
  count: number,
  start: number,
  end: number,
): Record<string, unknown> {
  const generate = world.generate;
  const users = Math.max(1, generate?.users ?? 1);
  const step = (end - start) / (count + 1);
  const every = (n: number) => n > 0 && (index + 1) % n === 0;
  let name = application === 'login' ? 'login_success' : 'CHANGE_USER_SETTING';
  if (application === 'login' && every(generate?.failureEvery ?? 0)) name = 'login_failure';
  if (application === 'login' && every(generate?.suspiciousEvery ?? 0)) name = 'suspicious_login';
  // Failed sign-ins come from a fixed set of at most 1,000 targeted accounts, as password spraying does.
  const actor =
    name === 'login_failure'
      ? Math.floor(index / Math.max(1, generate?.failureEvery ?? 1)) % Math.min(users, 1000)
      : index % users;
  const spec: GoogleActivitySpec = {
    hoursAgo: ((index + 1) * step) / 3_600_000,
    actor: `user${actor}@${world.domain}`,
    ipAddress: `198.51.100.${index % 250}`,
    name,
    parameters: application === 'login' ? { login_type: 'google_password' } : {},
  };
  return activityBody(application, spec, world, end, 1_000_000_000 + index);
}

function defaultType(application: string, name: string): string {
  if (application === 'login') return 'login';
  if (application === 'token') return 'auth';
  return name.includes('ROLE') ? 'DELEGATED_ADMIN_SETTINGS' : 'USER_SETTINGS';
}

function parameter(name: string, value: string | boolean | number | string[]): Record<string, unknown> {
  if (Array.isArray(value)) return { name, multiValue: value };
  if (typeof value === 'boolean') return { name, boolValue: value };
  if (typeof value === 'number') return { name, intValue: String(value) };
  return { name, value };
}
