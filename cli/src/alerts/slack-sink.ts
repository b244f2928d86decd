import type { AlertBatch, AlertEvent } from '@annexa/core';
import { batchHeadline, eventHeadline } from './describe-event.js';
import { type HttpDeliveryOptions, postWithRetries } from './http-delivery.js';
import type { AlertSink, DeliveryResult } from './sink.js';

/** Slack allows 50 blocks a message; a batch beyond that says how many it left out. */
const MAX_EVENTS = 20;

/** A Slack incoming webhook: one message per batch, each change with control, SoA claim, evidence and fix. */
export function slackSink(config: { url: string }, options: HttpDeliveryOptions): AlertSink {
  // The URL is the secret: the name never shows it.
  const name = 'slack';
  return {
    name,
    async deliver(batch: AlertBatch): Promise<DeliveryResult> {
      const body = JSON.stringify(slackMessage(batch));
      return { sink: name, ...(await postWithRetries(name, config.url, body, {}, batch, options)) };
    },
  };
}

export function slackMessage(batch: AlertBatch): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: batchHeadline(batch).slice(0, 150) } },
  ];
  for (const event of batch.events.slice(0, MAX_EVENTS)) blocks.push(...eventBlocks(event));
  if (batch.events.length > MAX_EVENTS) {
    blocks.push(context(`…and ${batch.events.length - MAX_EVENTS} more: see \`annexa actions list\``));
  }
  return { text: batchHeadline(batch), blocks };
}

function eventBlocks(event: AlertEvent): unknown[] {
  const blocks: unknown[] = [{ type: 'divider' }, section(`*${escapeMrkdwn(eventHeadline(event))}*`)];
  const finding = event.finding;
  if (finding) {
    blocks.push({
      type: 'section',
      fields: [
        mrkdwn(`*Control*\n${escapeMrkdwn(`${finding.control ?? '—'} ${finding.controlTitle ?? ''}`)}`),
        mrkdwn(`*SoA claims*\n${escapeMrkdwn(finding.claim)}`),
        mrkdwn(`*Evidence*\n${escapeMrkdwn(evidenceText(finding.checks, finding.evidence))}`),
        mrkdwn(`*Since*\n${finding.firstSeen}`),
      ],
    });
    if (event.type !== 'finding-resolved')
      blocks.push(section(`*How to fix*\n${escapeMrkdwn(finding.message)}`));
    if (event.reason) blocks.push(context(escapeMrkdwn(event.reason)));
  }
  return blocks;
}

function evidenceText(checks: readonly string[], evidence: readonly string[]): string {
  const ids = evidence.slice(0, 3).map((id) => `${id.slice(0, 19)}…`);
  return [checks.join(', ') || 'no check', ids.join(' ')].filter(Boolean).join('\n').slice(0, 1900);
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: text.slice(0, 2000) });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string) => ({ type: 'context', elements: [mrkdwn(text)] });
// Slack's mrkdwn treats these three as control characters.
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
