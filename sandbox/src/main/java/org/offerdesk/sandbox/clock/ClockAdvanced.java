package org.offerdesk.sandbox.clock;

import java.time.Instant;

/** Published after the sandbox clock moved forward, so that whatever fell due runs at once. */
public record ClockAdvanced(Instant now) {}
