/**
 * Finance: invoices, disbursements, reconciliation of each payment to its order, and bookable artifacts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Finance")
package org.offerdesk.app.finance;
