/**
 * A small in-memory token bucket per key (the client's IP). In memory and per
 * process: with several processes behind a load balancer each has its own
 * buckets, which multiplies the allowance by the process count but still
 * stops guessing at scale; the load balancer can add a global limit. No
 * package needed for this (@fastify/rate-limit would be one more dependency
 * for what is 40 lines here, and we need "count failures only" for auth).
 */
export interface BucketOptions {
  /** attempts allowed at once */
  capacity: number;
  /** attempts given back per minute */
  refillPerMinute: number;
  /** buckets kept at most; the fullest are forgotten first */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the key has an attempt left, without using it. */
  allows(key: string): boolean {
    return this.refill(key).tokens >= 1;
  }

  /** Uses one attempt; false when none was left. */
  take(key: string): boolean {
    const bucket = this.refill(key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    this.prune();
    return true;
  }

  /** Seconds until the next attempt, for Retry-After. */
  retryAfterSeconds(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) return 0;
    return Math.ceil(((1 - bucket.tokens) * 60) / this.options.refillPerMinute);
  }

  private refill(key: string): Bucket {
    const time = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: time };
    const gained = ((time - bucket.at) / 60_000) * this.options.refillPerMinute;
    return { tokens: Math.min(this.options.capacity, bucket.tokens + gained), at: time };
  }

  private prune(): void {
    const max = this.options.maxKeys ?? 100_000;
    if (this.buckets.size <= max) return;
    for (const [key] of this.buckets) {
      this.buckets.delete(key);
      if (this.buckets.size <= max / 2) return;
    }
  }
}
