import { z } from 'zod';
import { ConnectorError } from '../errors/errors.js';
import { summarizeZodIssues } from '../errors/zod-summary.js';

/** How a failed collection is recorded: never a stack, never more than one line. */
export interface CollectionFailure {
  status: 'not-assessable' | 'error';
  reason: string;
}

const MAX_REASON = 300;

/**
 * Missing permission or a resource hidden from the caller means the control could not be checked
 * (`not-assessable`); anything else failed (`error`). ConnectorError messages are safe by contract; other
 * errors are our bugs or a library's, so they are named as unexpected and cut to their first line.
 */
export function describeCollectionFailure(error: unknown, collectorId: string): CollectionFailure {
  if (error instanceof ConnectorError) {
    const status = error.code === 'forbidden' || error.code === 'not-found' ? 'not-assessable' : 'error';
    return { status, reason: oneLine(error.message) };
  }
  return { status: 'error', reason: `unexpected error in collector ${collectorId}: ${errorSummary(error)}` };
}

/** The first line of an error's message, short enough for a table cell. */
export function errorSummary(error: unknown): string {
  // A ZodError's message is its issues as indented JSON: name the fields instead.
  if (error instanceof z.ZodError) return oneLine(summarizeZodIssues(error));
  const message = safeString(error instanceof Error ? error.message : error);
  return oneLine(message) || (error instanceof Error ? error.name : 'unknown error');
}

// Anything can be thrown, including objects whose conversion to a string throws.
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

function oneLine(text: string): string {
  const first = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return first.length > MAX_REASON ? `${first.slice(0, MAX_REASON - 1)}…` : first;
}
