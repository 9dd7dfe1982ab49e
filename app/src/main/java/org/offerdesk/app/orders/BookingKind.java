package org.offerdesk.app.orders;

/**
 * What an accepted order adds to the bookings: new business (a direct offer or a public listing), an
 * amendment of an agreement, a renewal of one (an order whose offer is flagged {@code renewal}), or a
 * partner's (CPPO) sale.
 */
public enum BookingKind {
  NEW,
  AMENDMENT,
  RENEWAL,
  PARTNER
}
