package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link OfferDeskTest} with the embedded marketplace sandbox running on a free port; the platform's clock
 * follows the sandbox's, as in the demo, and security time is the wall clock. A test that moves that clock
 * needs a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@OfferDeskTest
@TestPropertySource(properties = {"offerdesk.sandbox.enabled=true", "offerdesk.sandbox.port=0",
    "offerdesk.sandbox.change-set-delay=PT0.2S",
    "offerdesk.test.mutable-clock=false"})
public @interface SandboxTest {}
