package org.offerdesk.sandbox.clock;

import java.time.Instant;

/**
 * Published when the sandbox clock was moved forward ({@code POST /sandbox/clock/advance}), before the
 * {@link ClockAdvanced} that runs what fell due: background loops that wait for a sandbox time (change-set steps,
 * long polls for delayed messages) wait in real time, which a move cuts short, so it wakes them.
 */
public record ClockMoved(Instant now) {}
