package org.offerdesk.app.offers;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;

/**
 * The offers as a deal desk counts them: aggregated in the database for a period and, optionally, one
 * owner, never by reading offers one by one. Days are UTC days, as the offers table's date filters.
 */
public interface OfferFigures {

  /** The offers in one stage and one currency: how many, and their total contract value (null when unknown). */
  record StageFigure(OfferStage stage, String currency, long count, Money contractValue) {}

  /**
   * The offers created in the period, by stage, with how many of them reached the buyer ({@code sent}: on
   * the marketplace, whatever happened next) and how many of those the buyer accepted.
   */
  record Pipeline(List<StageFigure> stages, long sent, long accepted) {}

  /** Offers created from {@code from} to {@code to} (both included), of {@code owner} when not null. */
  Pipeline pipeline(UUID organizationId, LocalDate from, LocalDate to, String owner);

  /**
   * What needs a person now, of {@code owner} when not null: offers sent or viewed, not accepted, that expire
   * from {@code from} to {@code to} (both included), and offers the marketplace refused to publish.
   */
  record Attention(long expiringUnaccepted, long publishFailed) {}

  /** The offers that need attention, counted in one statement. */
  Attention attention(UUID organizationId, LocalDate from, LocalDate to, String owner);

  /** Whether the organization has ever put an offer in front of a buyer. */
  boolean anySent(UUID organizationId);
}
