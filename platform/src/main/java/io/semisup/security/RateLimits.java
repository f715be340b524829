package io.semisup.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The per-caller rate limits (Resilience4j's rate limiter, one per caller and kind of request): an endpoint calls
 * {@link #acquire} first and a caller over its limit gets 429 with {@code Retry-After} ({@link RateLimitedException}).
 */
@ApplicationScoped
public class RateLimits {

    /** What is limited, each with its own budget. */
    public enum Kind { CLASSIFY, UPLOAD }

    private final Map<Kind, RateLimiterRegistry> registries = new EnumMap<>(Kind.class);
    private final SecurityIdentity identity;

    public RateLimits(RateLimitConfig config, SecurityIdentity identity) {
        this.identity = identity;
        registries.put(Kind.CLASSIFY, registry(config.classify(), config.period()));
        registries.put(Kind.UPLOAD, registry(config.upload(), config.period()));
    }

    private static RateLimiterRegistry registry(int limit, Duration period) {
        return RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build());
    }

    /** Takes one request of {@code kind} from the calling identity's budget, or refuses it. */
    public void acquire(Kind kind) {
        String caller = identity.getPrincipal().getName();
        RateLimiter limiter = registries.get(kind).rateLimiter(caller);
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic
                    ? atomic.getDetailedMetrics().getNanosToWait() : limiter.getRateLimiterConfig()
                    .getLimitRefreshPeriod().toNanos();
            throw new RateLimitedException(kind, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
        }
    }
}
