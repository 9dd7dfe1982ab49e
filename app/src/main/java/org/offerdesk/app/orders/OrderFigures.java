package org.offerdesk.app.orders;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.sql.SqlReads;

/**
 * The orders as a deal desk counts them, aggregated in the database. The owner of an order is the owner
 * of the offer it was accepted from (an order of a public listing has none). Days are UTC days. Each figure is a
 * read to run with the dashboard's others in one round trip ({@link SqlReads}).
 */
public interface OrderFigures {

  /** The orders of one month, kind and currency accepted in a period, and their total contract value. */
  record Booking(YearMonth month, BookingKind kind, String currency, long count, Money contractValue) {}

  /** How many orders, and their total contract value, in one currency (null when the orders state none). */
  record Tally(String currency, long count, Money contractValue) {}

  /** Orders accepted from {@code from} to {@code to} (both included), by month, kind and currency. */
  SqlReads.Read<List<Booking>> bookings(UUID organizationId, LocalDate from, LocalDate to, String owner);

  /** Orders waiting for the buyer's registration, and registered orders waiting for the seller to provision. */
  record Waiting(long registration, long provisioning) {}

  /** Orders waiting now, of {@code owner}'s offers when not null, counted in one statement. */
  SqlReads.Read<Waiting> waiting(UUID organizationId, String owner);

  /** Orders not cancelled or ended whose agreement ends from {@code from} to {@code to} (both included). */
  SqlReads.Read<List<Tally>> ending(UUID organizationId, LocalDate from, LocalDate to, String owner);
}
