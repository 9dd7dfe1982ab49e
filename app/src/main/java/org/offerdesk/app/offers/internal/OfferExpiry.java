package org.offerdesk.app.offers.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.stereotype.Component;

/**
 * An offer nobody accepted expires at the end of its expiry day (UTC), as the marketplace ends its
 * availability. Each released offer has a durable job due then; moving the expiry schedules another.
 */
@Component
record OfferExpiry(OfferStore offers, Jobs jobs, Clock clock) implements JobHandler {

  static final String KIND = "offers.expire";
  static final String EXPIRING = "offers.expiring";
  /** The team is warned this many days before an open offer expires, once each. */
  static final List<Integer> WARN_DAYS_BEFORE = List.of(7, 1);

  /** Schedules the check for the end of the offer's current expiry day. */
  void schedule(Offer offer) {
    LocalDate expiresOn = offer.terms().expiresOn();
    if (expiresOn == null) {
      return;
    }
    Instant due = expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    jobs.schedule(KIND, offer.organizationId(), Map.of("offerId", offer.id().toString()), due,
        KIND + ":" + offer.id() + ":" + expiresOn);
    for (int days : WARN_DAYS_BEFORE) {
      Instant warn = expiresOn.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (warn.isAfter(clock.instant())) {
        jobs.schedule(EXPIRING, offer.organizationId(), Map.of("offerId", offer.id().toString(), "days", days), warn,
            EXPIRING + ":" + offer.id() + ":" + expiresOn + ":" + days);
      }
    }
  }

  /** A week and a day before an open offer expires, the team is told, so a follow-up can still save the deal. */
  @Component
  record ExpiringSoon(OfferStore offers, org.offerdesk.app.notifications.TeamNotifications team) implements JobHandler {

    @Override
    public String kind() {
      return EXPIRING;
    }

    @Override
    public void handle(Job job) {
      int days = job.payload().path("days").asInt(3);
      offers.find(job.organizationId(), UUID.fromString(job.payload().get("offerId").asText())).filter(o -> o.stage().isOpen())
          .ifPresent(o -> team.notify(new org.offerdesk.app.notifications.TeamNotice(o.organizationId(),
              org.offerdesk.app.notifications.NotificationType.OFFER_EXPIRING,
              o.terms().name() + ", expires " + o.terms().expiresOn() + (days == 1 ? " (tomorrow)" : " (in " + days
                  + " days)"),
              "The buyer has not accepted yet; the offer expires at the end of " + o.terms().expiresOn() + ".",
              "/offers/" + o.id(), Map.of("Offer", o.terms().name(), "Expires on", String.valueOf(o.terms().expiresOn()),
                  "Buyers", String.join(", ", o.terms().buyerAccountIds())),
              "offer-expiring:" + o.id() + ":" + o.terms().expiresOn() + ":" + days)));
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void handle(Job job) {
    UUID id = UUID.fromString(job.payload().get("offerId").asText());
    offers.find(job.organizationId(), id).ifPresent(offer -> {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      if (!offer.stage().canMoveTo(OfferStage.EXPIRED) || offer.terms().expiresOn() == null
          || !offer.terms().expiresOn().isBefore(today)) {
        return; // accepted, withdrawn, or given more time since this check was scheduled
      }
      Instant now = clock.instant();
      Offer expired = offer.withStage(OfferStage.EXPIRED, now);
      if (!offers.update(expired)) {
        throw new IllegalStateException("Offer " + id + " changed while it expired");
      }
      offers.record(expired, OfferStage.EXPIRED, "expired", "not accepted by " + offer.terms().expiresOn(), "system",
          now, "offer:" + id + ":expired");
    });
  }
}
