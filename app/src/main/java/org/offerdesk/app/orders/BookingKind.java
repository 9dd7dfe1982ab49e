package org.offerdesk.app.orders;

/**
 * What an accepted order adds to the bookings: new business (a direct offer or a public listing), an
 * amendment of an agreement, a renewal of one, or a partner's (CPPO) sale. An order accepted from a renewal offer is a
 * {@code RENEWAL}, whatever else it is.
 */
public enum BookingKind {
  NEW,
  AMENDMENT,
  RENEWAL,
  PARTNER
}
