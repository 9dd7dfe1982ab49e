package org.offerdesk.app.offers.internal;

import java.util.UUID;
import java.util.function.Consumer;
import org.offerdesk.app.jobs.CallingOutHandler;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable jobs through which {@link OfferPublishing} talks to the marketplace: publish, follow a change
 * set, edit, withdraw. Each reads its payload and calls out, so each runs outside any transaction.
 */
@Configuration(proxyBeanMethods = false)
class OfferPublishingJobs {

  /** A job of one kind that calls the marketplace through {@link OfferPublishing}. */
  record MarketplaceJob(String kind, Consumer<Job> work) implements CallingOutHandler {
    @Override
    public void handle(Job job) {
      work.accept(job);
    }
  }

  @Bean
  JobHandler publishOfferJob(OfferPublishing publishing) {
    return new MarketplaceJob(OfferPublishing.PUBLISH,
        job -> publishing.publish(job.organizationId(), offerId(job), job.payload().get("revision").asInt()));
  }

  @Bean
  JobHandler trackChangeSetJob(OfferPublishing publishing) {
    return new MarketplaceJob(OfferPublishing.TRACK, job -> publishing.followChangeSet(job.organizationId(),
        offerId(job), job.payload().get("changeSetId").asText(),
        OfferPublishing.Purpose.valueOf(job.payload().get("purpose").asText()),
        job.payload().hasNonNull("before") ? job.payload().get("before").asText() : null,
        job.payload().hasNonNull("submittedAt") ? java.time.Instant.parse(job.payload().get("submittedAt").asText())
            : null));
  }

  @Bean
  JobHandler editOfferJob(OfferPublishing publishing) {
    return new MarketplaceJob(OfferPublishing.EDIT, job -> publishing.edit(job.organizationId(), offerId(job),
        job.payload().get("token").asText(), job.payload().get("before").asText()));
  }

  @Bean
  JobHandler withdrawOfferJob(OfferPublishing publishing) {
    return new MarketplaceJob(OfferPublishing.WITHDRAW, job -> publishing.withdraw(job.organizationId(), offerId(job)));
  }

  private static UUID offerId(Job job) {
    return UUID.fromString(job.payload().get("offerId").asText());
  }
}
