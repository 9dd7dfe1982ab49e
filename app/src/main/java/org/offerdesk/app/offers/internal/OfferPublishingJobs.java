package org.offerdesk.app.offers.internal;

import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.springframework.stereotype.Component;

/**
 * The durable jobs through which {@link OfferPublishing} talks to the marketplace: publish, follow a change
 * set, edit, withdraw. Each reads its payload and calls out, so each runs outside any transaction.
 */
final class OfferPublishingJobs {

  private OfferPublishingJobs() {}

  /** A job of one kind that calls the marketplace through {@link OfferPublishing}. */
  private abstract static class MarketplaceJob implements JobHandler {
    private final String kind;
    final OfferPublishing publishing;

    MarketplaceJob(String kind, OfferPublishing publishing) {
      this.kind = kind;
      this.publishing = publishing;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public boolean callsOut() {
      return true;
    }

    static UUID offerId(Job job) {
      return UUID.fromString(job.payload().get("offerId").asText());
    }
  }

  @Component
  static class Publish extends MarketplaceJob {
    Publish(OfferPublishing publishing) {
      super(OfferPublishing.PUBLISH, publishing);
    }

    @Override
    public void handle(Job job) {
      publishing.publish(job.organizationId(), offerId(job), job.payload().get("revision").asInt());
    }
  }

  @Component
  static class Track extends MarketplaceJob {
    Track(OfferPublishing publishing) {
      super(OfferPublishing.TRACK, publishing);
    }

    @Override
    public void handle(Job job) {
      publishing.followChangeSet(job.organizationId(), offerId(job), job.payload().get("changeSetId").asText(),
          OfferPublishing.Purpose.valueOf(job.payload().get("purpose").asText()),
          job.payload().hasNonNull("before") ? job.payload().get("before").asText() : null);
    }
  }

  @Component
  static class Edit extends MarketplaceJob {
    Edit(OfferPublishing publishing) {
      super(OfferPublishing.EDIT, publishing);
    }

    @Override
    public void handle(Job job) {
      publishing.edit(job.organizationId(), offerId(job), job.payload().get("token").asText(), job.payload().get("before").asText());
    }
  }

  @Component
  static class Withdraw extends MarketplaceJob {
    Withdraw(OfferPublishing publishing) {
      super(OfferPublishing.WITHDRAW, publishing);
    }

    @Override
    public void handle(Job job) {
      publishing.withdraw(job.organizationId(), offerId(job));
    }
  }
}
