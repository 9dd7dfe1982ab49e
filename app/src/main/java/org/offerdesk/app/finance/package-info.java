/**
 * Finance: invoices, disbursements, reconciliation of each payment to its order, and bookable artifacts.
 *
 * <p>Coming (issue 15): today only an empty console page; bookings live in orders.
 *
 * <p>Calls no other module yet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Finance")
package org.offerdesk.app.finance;
