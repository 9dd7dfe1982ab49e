/**
 * Finance: invoices, disbursements, reconciliation of each payment to its order, and bookable artifacts.
 *
 * <p>Coming (issue 15): today the console page and bank statements (uploaded CSV, deposits matched to the
 * marketplace's payouts); bookings live in orders, refunds on the order.
 *
 * <p>May call: errors, identity, money, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Finance")
package org.offerdesk.app.finance;
