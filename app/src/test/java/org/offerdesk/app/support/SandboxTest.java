package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link OfferDeskTest} with the embedded marketplace sandbox running on a free port; the platform's clock
 * follows the sandbox's, as in the demo, and security time is the wall clock.
 *
 * <p>Every class annotated exactly {@code @SandboxTest} shares one Spring context (one OfferDesk, one
 * sandbox, one database), started once per run. To stay in it: add no {@code @TestPropertySource},
 * {@code @DirtiesContext}, {@code @MockitoBean} or {@code @Import} (each makes a context of its own,
 * several seconds per class); make your own seller ({@code ConnectedSeller}) and buyers, so rows of other
 * classes never matter; and never move this context's sandbox clock: a test that moves it, forward only,
 * uses {@link SandboxClockTest} instead. These classes run in the {@link SandboxLane}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@OfferDeskTest
@Tag(SandboxLane.TAG)
@TestPropertySource(properties = {"offerdesk.sandbox.enabled=true", "offerdesk.sandbox.port=0",
    "offerdesk.sandbox.change-set-delay=PT0.2S",
    "offerdesk.test.mutable-clock=false"})
public @interface SandboxTest {}
