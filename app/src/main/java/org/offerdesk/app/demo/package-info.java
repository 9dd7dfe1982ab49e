/**
 * Demo: the believable year of business a demo organization starts with. In demo mode the demo seller's history
 * is seeded once, in the background after start, and again on demand ({@code POST /api/v1/demo/reset}); it is made
 * through the public API and the embedded sandbox's buyer and clock, the paths a person takes, never written
 * into tables. {@code OFFERDESK_DEMO_DATA=none} seeds nothing; production never does.
 *
 * <p>May call: errors, identity, marketplace, runtime (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package org.offerdesk.app.demo;
