/**
 * In-memory sliding-window limiter: at most `max` hits per key within any `windowMs`. One server
 * process holds the windows; behind several processes each limits on its own, which still bounds
 * password guessing per process.
 */
export type SlidingWindowLimiter = {
  /** Records a hit for `key`; answers whether it is allowed and, if not, when to retry. */
  hit(key: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
};

export type SlidingWindowOptions = { max: number; windowMs: number };

export function createSlidingWindowLimiter(options: SlidingWindowOptions): SlidingWindowLimiter {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    hit(key, now) {
      // Forget idle keys now and then, so a flood of distinct addresses cannot grow memory forever.
      if (now - lastSweep > options.windowMs) {
        for (const [k, times] of hits) {
          if ((times.at(-1) ?? 0) <= now - options.windowMs) hits.delete(k);
        }
        lastSweep = now;
      }
      const recent = (hits.get(key) ?? []).filter((t) => t > now - options.windowMs);
      if (recent.length >= options.max) {
        hits.set(key, recent);
        const retryAfterMs = recent[0]! + options.windowMs - now;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
      }
      recent.push(now);
      hits.set(key, recent);
      return { allowed: true };
    },
  };
}
