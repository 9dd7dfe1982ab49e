/**
 * Shared web plumbing, kept small: RFC 9457 problem responses, request limits, Idempotency-Key
 * handling, list pagination and what every console page shares. It knows no business capability.
 *
 * <p>May call: errors, money, runtime, sql (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web plumbing", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.web;
