/**
 * Dashboard: the home screen of a deal desk: how the period's pipeline and bookings stand, what needs
 * attention, which agreements come up for renewal, and, until it is done, the checklist that gets a new
 * organization selling. It owns no table: every figure is aggregated by the capability that owns the rows.
 *
 * <p>May call: approvals, errors, identity, jobs, listings, marketplace, money, offers, orders, sql, web, webhooks (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package org.offerdesk.app.dashboard;
