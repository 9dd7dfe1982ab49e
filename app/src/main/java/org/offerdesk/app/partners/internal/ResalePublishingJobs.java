package org.offerdesk.app.partners.internal;

import java.util.UUID;
import java.util.function.Consumer;
import org.offerdesk.app.jobs.CallingOutHandler;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable jobs through which {@link ResalePublishing} talks to the marketplace: publish, follow a
 * change set, deactivate. Each calls out, so each runs outside any transaction.
 */
@Configuration(proxyBeanMethods = false)
class ResalePublishingJobs {

  /** A job of one kind that calls the marketplace. */
  record ResaleJob(String kind, Consumer<Job> work) implements CallingOutHandler {
    @Override
    public void handle(Job job) {
      work.accept(job);
    }
  }

  @Bean
  JobHandler publishResaleAuthorizationJob(ResalePublishing publishing) {
    return new ResaleJob(ResalePublishing.PUBLISH, job -> publishing.publish(job.organizationId(), id(job),
        job.payload().get("revision").asInt()));
  }

  @Bean
  JobHandler trackResaleChangeSetJob(ResalePublishing publishing) {
    return new ResaleJob(ResalePublishing.TRACK, job -> publishing.follow(job.organizationId(), id(job),
        job.payload().get("changeSetId").asText(),
        ResalePublishing.Purpose.valueOf(job.payload().get("purpose").asText()),
        job.payload().hasNonNull("submittedAt") ? java.time.Instant.parse(job.payload().get("submittedAt").asText())
            : null));
  }

  @Bean
  JobHandler restrictResaleAuthorizationJob(ResalePublishing publishing) {
    return new ResaleJob(ResalePublishing.RESTRICT, job -> publishing.restrict(job.organizationId(), id(job)));
  }

  private static UUID id(Job job) {
    return UUID.fromString(job.payload().get("id").asText());
  }
}
