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

/**
 * Per-client token bucket: a client may spend up to `capacity` requests at once (a person opening a
 * few pages, or filing a complaint and correcting it), then `refillPerSecond` more each second. Unlike
 * a fixed window it never locks a client out for longer than one token takes to come back.
 */
export type TokenBucketOptions = { capacity: number; refillPerSecond: number };

export type TokenBucketLimiter = SlidingWindowLimiter & { readonly options: TokenBucketOptions };

export function createTokenBucketLimiter(options: TokenBucketOptions): TokenBucketLimiter {
  if (!(options.capacity >= 1) || !(options.refillPerSecond > 0))
    throw new RangeError('a token bucket needs capacity ≥ 1 and a positive refill rate');
  const buckets = new Map<string, { tokens: number; at: number }>();
  // A bucket that has had time to fill up again is the same as no bucket: it can be forgotten.
  const fullAfterMs = (options.capacity / options.refillPerSecond) * 1000;
  let lastSweep = 0;
  return {
    options,
    hit(key, now) {
      if (now - lastSweep > fullAfterMs) {
        for (const [k, bucket] of buckets) if (now - bucket.at >= fullAfterMs) buckets.delete(k);
        lastSweep = now;
      }
      const previous = buckets.get(key);
      const tokens =
        previous === undefined
          ? options.capacity
          : // A clock that steps back refills nothing rather than draining the bucket.
            Math.min(
              options.capacity,
              previous.tokens + (Math.max(0, now - previous.at) / 1000) * options.refillPerSecond,
            );
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / options.refillPerSecond));
        return { allowed: false, retryAfterSeconds };
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true };
    },
  };
}

/** Limits of the public portal: every public API call, and the complaint form on its own. */
export type TPortalRateLimits = { publicApi: TokenBucketOptions; complaints: TokenBucketOptions };

/**
 * A reader opening association pages makes a handful of calls a page; 200 at once and 3 a second
 * after that is far above it, and an office behind one address still fits. Complaints: 20 at once,
 * then one every 3 minutes per client.
 */
export const DEFAULT_PORTAL_RATE_LIMITS: TPortalRateLimits = {
  publicApi: { capacity: 200, refillPerSecond: 3 },
  complaints: { capacity: 20, refillPerSecond: 1 / 180 },
};
