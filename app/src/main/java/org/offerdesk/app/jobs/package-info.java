/**
 * Durable jobs: delayed and retried work kept in PostgreSQL (auto-registration after an hour, reminders,
 * polling, email delivery, webhook delivery). A job survives restarts, runs once across several
 * instances, is retried with backoff, and is parked for a person when it keeps failing. Due times follow
 * the platform's {@link java.time.Clock}. Work that repeats for each organization (sweeps, polls, syncs)
 * implements {@link org.offerdesk.app.jobs.RecurringWork} and needs no timer of its own.
 *
 * <p>May call: errors, identity, sql, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Durable jobs", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.jobs;
