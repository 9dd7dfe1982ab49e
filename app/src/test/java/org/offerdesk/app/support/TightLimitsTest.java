package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link OfferDeskTest} with tight security rate limits (three failed sign-ins or bearers an address, two token
 * issues an account, four an address, in a ten-minute window) and a small database pool (two connections, four job
 * threads, webhook reads waiting up to two minutes): what {@code RateLimitTest} and {@code SlowReceiverTest} need.
 * Every class annotated exactly {@code @TightLimitsTest} shares this one context (a context start costs seconds), so
 * a class here must not depend on limits it does not exercise; it runs in the {@link OwnContextLane}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@OfferDeskTest
@OwnContext
@TestPropertySource(properties = {"offerdesk.security.rate-limit.window=PT10M",
    "offerdesk.security.rate-limit.failed-sign-ins-per-address=3",
    "offerdesk.security.rate-limit.failed-bearers-per-address=3",
    "offerdesk.security.rate-limit.token-issues-per-account=2",
    "offerdesk.security.rate-limit.token-issues-per-address=4",
    "offerdesk.database.pool-size=2", "offerdesk.jobs.threads=4", "offerdesk.webhooks.read-timeout=PT2M"})
public @interface TightLimitsTest {}
