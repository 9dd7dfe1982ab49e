package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link SandboxTest} on a second shared context whose sandbox clock tests move, forward only (through
 * {@code POST /sandbox/clock/advance} on the embedded sandbox; the platform's business clock follows it).
 *
 * <p>All classes annotated exactly {@code @SandboxClockTest} share this one context, so a new clock test
 * costs no context start. Since the classes before yours may have moved the clock by days or a year, and
 * will run in any order: take every date from the clock, never from the wall ({@code
 * LocalDate.ofInstant(clock.instant(), UTC)} with the injected {@code java.time.Clock}, or the sandbox's
 * {@code GET /sandbox/clock}); only ever move it forward (nothing here moves it back); and assert only on
 * your own seller's and buyers' rows, since a move also lets everything of earlier classes fall due. Add no
 * {@code @TestPropertySource}, {@code @DirtiesContext} or mock beans, which would give the class a context
 * of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SandboxTest
@Tag(SandboxLane.MOVING_CLOCK_TAG)
@TestPropertySource(properties = "offerdesk.test.context=moving-clock")
public @interface SandboxClockTest {}
