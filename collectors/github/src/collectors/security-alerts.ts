import { githubConnector } from '@annexa/connector-github';
import { ConnectorError, defineCollector } from '@annexa/core';
import { z } from 'zod';

const alertSchema = z
  .object({
    repository: z.string(),
    number: z.number().int(),
    /** critical | high | … for Dependabot and code scanning; the secret type for secret scanning. */
    kind: z.string(),
    createdAt: z.string(),
  })
  .strict();

/** A listing, or why GitHub would not give it (plan or permission: it answers 403/404 for both). */
const listingSchema = z.union([
  z.object({ available: z.literal(true), alerts: z.array(alertSchema) }).strict(),
  z.object({ available: z.literal(false), reason: z.string() }).strict(),
]);
export type AlertListing = z.infer<typeof listingSchema>;

export const securityAlertsSchema = z
  .object({
    /** Days an open alert may stay open (annexa.yaml `alertSla`), recorded with the evidence. */
    sla: z
      .object({ criticalDays: z.number().int().positive(), highDays: z.number().int().positive() })
      .strict(),
    dependabot: listingSchema,
    codeScanning: listingSchema,
    secretScanning: listingSchema,
  })
  .strict();
export type SecurityAlerts = z.infer<typeof securityAlertsSchema>;

const HINTS = {
  dependabot:
    'Dependabot alerts at organisation level need an owner or security-manager token (classic: security_events; fine-grained: Dependabot alerts read)',
  codeScanning:
    'code scanning alerts need GitHub Advanced Security (GitHub Code Security) on private repositories, and an owner or security-manager token (classic: security_events; fine-grained: Code scanning alerts read)',
  secretScanning:
    'secret scanning alerts need GitHub Advanced Security (GitHub Secret Protection) on private repositories, and an owner or security-manager token (classic: security_events or repo; fine-grained: Secret scanning alerts read)',
} as const;

/**
 * Open Dependabot (critical/high), code-scanning (critical/high) and secret-scanning alerts, read at
 * organisation level: p(Dₐ,100) + p(Cₐ,100) + p(Sₐ,100) requests instead of 3 a repository.
 */
export const securityAlerts = defineCollector({
  id: 'github.security-alerts',
  version: '1',
  connector: githubConnector,
  title: 'GitHub open Dependabot, code-scanning and secret-scanning alerts (organisation level)',
  ttl: '24h',
  controls: ['5.17', '8.8', '8.12', '8.29'],
  schema: securityAlertsSchema,
  async collect(client, { config }) {
    const dependabot = await listing('dependabot', async () => {
      const alerts = [];
      for await (const alert of client.listOpenAlerts(config.org, 'dependabot')) {
        alerts.push({
          repository: alert.repository.name,
          number: alert.number,
          kind: alert.security_advisory.severity,
          createdAt: alert.created_at,
        });
      }
      return alerts;
    });
    const codeScanning = await listing('codeScanning', async () => {
      const alerts = [];
      for await (const alert of client.listOpenAlerts(config.org, 'code-scanning')) {
        alerts.push({
          repository: alert.repository.name,
          number: alert.number,
          kind: alert.rule.security_severity_level ?? alert.rule.severity ?? 'unknown',
          createdAt: alert.created_at,
        });
      }
      return alerts;
    });
    const secretScanning = await listing('secretScanning', async () => {
      const alerts = [];
      for await (const alert of client.listOpenAlerts(config.org, 'secret-scanning')) {
        alerts.push({
          repository: alert.repository.name,
          number: alert.number,
          kind: alert.secret_type ?? 'unknown',
          createdAt: alert.created_at,
        });
      }
      return alerts;
    });
    return {
      sla: { criticalDays: config.alertSla?.criticalDays ?? 30, highDays: config.alertSla?.highDays ?? 60 },
      dependabot,
      codeScanning,
      secretScanning,
    };
  },
});

async function listing(
  kind: keyof typeof HINTS,
  read: () => Promise<z.infer<typeof alertSchema>[]>,
): Promise<AlertListing> {
  try {
    const alerts = await read();
    alerts.sort((a, b) =>
      a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.number - b.number,
    );
    return { available: true, alerts };
  } catch (error) {
    // 403 and 404 mean "plan lacks the feature" or "token lacks the permission": GitHub does not say which.
    if (error instanceof ConnectorError && (error.code === 'forbidden' || error.code === 'not-found')) {
      return { available: false, reason: `${HINTS[kind]} (GitHub answered ${error.status ?? 'an error'})` };
    }
    throw error;
  }
}
