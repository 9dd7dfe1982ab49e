package org.offerdesk.app.runtime;

import java.util.Locale;

/**
 * The two ways OfferDesk runs. {@link #DEMO} (the default, {@code ./run}): embedded database and sandbox,
 * demo organizations, time travel, bound to loopback. {@link #PRODUCTION} ({@code OFFERDESK_MODE=production}):
 * real sellers on real AWS; refuses unsafe settings and never lets the sandbox or its clock near real data.
 */
public enum RunMode {
  DEMO,
  PRODUCTION;

  /** The property that chooses the mode ({@code OFFERDESK_MODE} in the environment). */
  public static final String PROPERTY = "offerdesk.mode";

  public boolean isProduction() {
    return this == PRODUCTION;
  }

  public boolean isDemo() {
    return this == DEMO;
  }

  /** Reads a configured value: blank means demo; anything but demo or production is refused. */
  public static RunMode parse(String value) {
    if (value == null || value.isBlank()) {
      return DEMO;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "demo", "dev", "development" -> DEMO;
      case "production", "prod" -> PRODUCTION;
      default -> throw new IllegalArgumentException(
          "OFFERDESK_MODE must be demo or production, not '" + value + "'");
    };
  }
}
