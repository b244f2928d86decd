import type { AlertEvent, MonitorState } from './monitor-state.js';

const DAY_MS = 86_400_000;

/**
 * Decides what to deliver now. Without a digest every change goes out at once. With `daily`, changes are
 * queued in the state and delivered together once a day has passed since the last digest.
 */
export function scheduleDelivery(
  state: MonitorState,
  events: readonly AlertEvent[],
  mode: 'off' | 'daily',
  at: Date,
): { deliver: { kind: 'changes' | 'digest'; events: AlertEvent[] } | undefined; next: MonitorState } {
  if (mode === 'off') {
    return { deliver: events.length > 0 ? { kind: 'changes', events: [...events] } : undefined, next: state };
  }
  const pending = [...state.digest.pending, ...events];
  const lastSentAt = state.digest.lastSentAt ?? at.toISOString();
  if (at.getTime() - Date.parse(lastSentAt) >= DAY_MS && pending.length > 0) {
    return {
      deliver: { kind: 'digest', events: pending },
      next: { ...state, digest: { lastSentAt: at.toISOString(), pending: [] } },
    };
  }
  return { deliver: undefined, next: { ...state, digest: { lastSentAt, pending } } };
}
