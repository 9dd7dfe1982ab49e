package org.offerdesk.app.dashboard.internal;

import java.time.LocalDate;
import java.util.List;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.orders.BookingKind;

/**
 * The figures of one dashboard, as the API answers them and the page shows them. Amounts are decimal strings
 * beside their currency; each figure carries the console link to the table of the rows it counts.
 */
record DashboardView(PeriodView period, Pipeline pipeline, Bookings bookings, Attention attention,
    RenewalsDue renewalsDue) {

  /** The days covered (both included) and whose offers: null for the whole team. */
  record PeriodView(Period.Kind kind, LocalDate from, LocalDate to, String owner) {}

  /** Offers created in the period, by stage and currency, and how many of those sent were accepted. */
  record Pipeline(List<PipelineItem> items, Conversion conversion) {}

  record PipelineItem(OfferStage stage, long count, String contractValue, String currency, String link) {}

  /** SENT → ACCEPTED: of the period's offers that reached a buyer, the share accepted (a percentage, or null). */
  record Conversion(long sent, long accepted, String percent) {}

  /** Orders accepted in the period, by month, kind and currency. */
  record Bookings(List<BookingItem> items) {}

  record BookingItem(String month, BookingKind kind, long count, String contractValue, String currency,
      String link) {}

  /** What someone should look at now, whatever the period. */
  record Attention(List<AttentionItem> items) {}

  record AttentionItem(String kind, String label, long count, String link) {}

  /** Running orders whose agreement ends within {@code within} (ISO period) from today. */
  record RenewalsDue(String within, LocalDate from, LocalDate to, long count, List<Amount> contractValue,
      String link) {}

  record Amount(String amount, String currency) {}
}
