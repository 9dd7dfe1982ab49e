package org.offerdesk.app.offers;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.sql.SqlReads;

/**
 * The offers as a deal desk counts them: aggregated in the database for a period and, optionally, one
 * owner, never by reading offers one by one. Days are UTC days, as the offers table's date filters.
 */
public interface OfferFigures {

  /**
   * On the marketplace in front of the buyer, whatever happened next; a cancelled offer only when it was
   * published before (a cancelled draft never was).
   */
  Set<OfferStage> SENT_STAGES = EnumSet.of(OfferStage.SENT, OfferStage.VIEWED, OfferStage.ACCEPTED,
      OfferStage.REGISTERED, OfferStage.PROVISIONED, OfferStage.EXPIRED, OfferStage.REPLACED);

  /**
   * The same as a condition on a row of the {@code offer} table (its {@code stage} and
   * {@code marketplace_offer_id}), for a statement that reads other figures with it (the onboarding checklist).
   */
  String SENT_CONDITION = "stage IN (" + SENT_STAGES.stream().map(s -> "'" + s.name() + "'")
      .collect(Collectors.joining(", ")) + ") OR (stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL)";

  /** The offers in one stage and one currency: how many, and their total contract value (null when unknown). */
  record StageFigure(OfferStage stage, String currency, long count, Money contractValue) {}

  /**
   * The offers created in the period, by stage, with how many of them reached the buyer ({@code sent}: on
   * the marketplace, whatever happened next) and how many of those the buyer accepted.
   */
  record Pipeline(List<StageFigure> stages, long sent, long accepted) {}

  /**
   * Offers created from {@code from} to {@code to} (both included), of {@code owner} when not null: a read to run
   * with the dashboard's others in one round trip ({@link SqlReads}).
   */
  SqlReads.Read<Pipeline> pipeline(UUID organizationId, LocalDate from, LocalDate to, String owner);

  /**
   * What needs a person now, of {@code owner} when not null: offers sent or viewed, not accepted, that expire
   * from {@code from} to {@code to} (both included), and offers the marketplace refused to publish.
   */
  record Attention(long expiringUnaccepted, long publishFailed) {}

  /** The offers that need attention, counted in one statement. */
  SqlReads.Read<Attention> attention(UUID organizationId, LocalDate from, LocalDate to, String owner);
}
