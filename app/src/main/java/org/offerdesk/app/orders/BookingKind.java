package org.offerdesk.app.orders;

/**
 * What an accepted order adds to the bookings: new business (a direct offer or a public listing), an
 * amendment of an agreement, a renewal of one, or a partner's (CPPO) sale. No order is counted as a
 * {@code RENEWAL} until orders record that their offer was a renewal (see {@code OrderFigureStore}).
 */
public enum BookingKind {
  NEW,
  AMENDMENT,
  RENEWAL,
  PARTNER
}
