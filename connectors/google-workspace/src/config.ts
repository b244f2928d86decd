import { z } from 'zod';

/** An organisational-unit path as the Directory API writes it: `/`, `/Engineering`, `/Sales/EMEA`. */
const orgUnitPath = z
  .string()
  .regex(/^\/(?:[^/]+(?:\/[^/]+)*)?$/, 'must be an organisational-unit path such as /Engineering or /');

/** ISMS scope (clause 4.3): which users count. Everyone when absent; a user in an excluded unit never counts. */
export const orgUnitScopeSchema = z
  .object({
    orgUnits: z
      .object({
        include: z.array(orgUnitPath).min(1).optional(),
        exclude: z.array(orgUnitPath).optional(),
      })
      .strict(),
  })
  .strict();
export type OrgUnitScope = z.infer<typeof orgUnitScopeSchema>;

/** One Google Workspace domain in annexa.yaml. */
export const googleWorkspaceConfigSchema = z
  .object({
    name: z.string().min(1),
    type: z.literal('google-workspace'),
    /** `my_customer` (the domain the admin belongs to) or a customer id such as `C03az79cb`. */
    customer: z
      .string()
      .regex(/^(?:my_customer|C[0-9A-Za-z]{5,})$/, 'must be my_customer or a customer id such as C03az79cb')
      .default('my_customer'),
    domain: z
      .string()
      .regex(
        /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        'must be a domain name',
      ),
    /** A service account key (JSON) authorised for domain-wide delegation; needs `subject`. */
    serviceAccountKeyFile: z.string().min(1).optional(),
    /** The admin the service account acts as. */
    subject: z.email('must be the email address of a Workspace admin').optional(),
    /** An OAuth access token with the read-only scopes (e.g. from gcloud), instead of a service account. */
    accessToken: z.string().min(1, 'must be an OAuth access token').optional(),
    /** Where the Admin SDK is served; https://admin.googleapis.com/ unless told. Only scheme, host and port count. */
    rootUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://admin.googleapis.com/' })
      .optional(),
    scope: orgUnitScopeSchema.optional(),
    /** Optional people.yaml: links accounts in other systems to Workspace people where nothing else can. */
    people: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, context) => {
    const serviceAccount = config.serviceAccountKeyFile !== undefined;
    if (serviceAccount === (config.accessToken !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: serviceAccount ? ['accessToken'] : ['serviceAccountKeyFile'],
        message: serviceAccount
          ? 'give either serviceAccountKeyFile (with subject) or accessToken, not both'
          : 'give serviceAccountKeyFile (with subject) for domain-wide delegation, or accessToken',
      });
    }
    if (serviceAccount && config.subject === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['subject'],
        message: 'domain-wide delegation needs subject: the email of the admin the service account acts as',
      });
    }
  });

export type GoogleWorkspaceConfig = z.infer<typeof googleWorkspaceConfigSchema>;

export const GOOGLE_ADMIN_ROOT = 'https://admin.googleapis.com/';

/** `workspace/acme.example`: what the instance observes. */
export function describeGoogleWorkspace(config: Pick<GoogleWorkspaceConfig, 'domain'>): string {
  return `workspace/${config.domain.toLowerCase()}`;
}
