package io.semisup.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Per-caller rate limits ({@code semisup.rate-limit.*}): how many requests one caller (one API key or one token's
 * user) may make per period before getting 429. High enough by default that only abuse meets them.
 */
@ConfigMapping(prefix = "semisup.rate-limit")
public interface RateLimitConfig {

    /** Classifications ({@code POST /classify...}) per caller and period. */
    @WithDefault("5000")
    int classify();

    /** Uploads (images and archives) per caller and period. */
    @WithDefault("200")
    int upload();

    @WithDefault("1s")
    Duration period();
}
