package io.semisup.security;

import java.util.Locale;

/** A caller over its rate limit: 429 with {@code Retry-After} (ErrorResponses). */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitedException(RateLimits.Kind kind, long retryAfterSeconds) {
        super("too many " + kind.name().toLowerCase(Locale.ROOT) + " requests from this caller: retry after "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
