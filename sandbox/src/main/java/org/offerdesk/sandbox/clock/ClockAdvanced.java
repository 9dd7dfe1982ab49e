package org.offerdesk.sandbox.clock;

import java.time.Instant;

/**
 * Published after the sandbox clock moved forward, by a move or, every due-work interval, as real time passes
 * ({@link TimeKeeper}), so that whatever fell due runs at once, in the listeners' order.
 */
public record ClockAdvanced(Instant now) {}
