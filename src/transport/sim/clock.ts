/**
 * The simulators' clock, in milliseconds. 'real' follows `performance.now()`; 'manual' only moves
 * when told to (`advance`), which makes time-based behaviour (timestamps, background progress in
 * 'time' mode) deterministic in tests and recordings.
 */
export interface SimClock {
  now(): number;
  /** Move a manual clock forward (a real clock ignores this). */
  advance(ms: number): void;
  readonly kind: 'real' | 'manual';
}

export function createClock(kind: 'real' | 'manual' = 'real', start = 0): SimClock {
  if (kind === 'real') {
    return { kind, now: () => performance.now(), advance: () => undefined };
  }
  let t = start;
  return {
    kind,
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}
