package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The registration clock, in durable jobs: a private order the buyer has not registered an hour after
 * acceptance is registered from its offer's registration information; a public order gets a reminder
 * before its 48-hour deadline and, after it, the advice to cancel and refund.
 */
@Component
record RegistrationJobs(OrderStore orders, Offers offers, OrderRegistration orderRegistration,
    TeamNotifications team, Clock clock) {

  static final String AUTO_REGISTER = "orders.auto-register";
  static final String DEADLINE_NEAR = "orders.registration-deadline-near";
  static final String DEADLINE_PASSED = "orders.registration-deadline-passed";
  static final String REFUND_STEPS = "1. Try to reach the buyer (AWS account %s) through your AWS contacts. "
      + "2. If they cannot be identified, cancel the subscription in the AWS Marketplace Management Portal "
      + "(Reports → Customer agreements → the agreement %s → Cancel) and refund the buyer from this order's "
      + "Refunds section. "
      + "3. Record the outcome on this order.";

  void autoRegister(UUID organizationId, UUID orderId) {
    Order order = orders.find(organizationId, orderId).orElse(null);
    if (order == null || order.status() != OrderStatus.PENDING_REGISTRATION) {
      return; // registered, cancelled or ended meanwhile
    }
    Optional<OfferSummary> offer = order.offerId() == null ? Optional.empty()
        : offers.find(order.organizationId(), order.offerId());
    Map<String, Object> metadata = offer.map(OfferSummary::registrationMetadata).orElse(Map.of());
    String company = text(metadata, "company", "companyName", "customerName", "buyerCompany");
    String email = text(metadata, "email", "contactEmail", "buyerEmail");
    String contact = text(metadata, "contactName", "contact", "name");
    Instant now = clock.instant();
    if (company == null || email == null) {
      String missing = offer.isEmpty()
          ? "This order has no offer in OfferDesk: register the buyer by hand on the order page."
          : "Fill in the offer's registration information (a company and a contact email) and register the "
              + "buyer by hand on the order page.";
      orders.record(order, order.status(), "automatic registration not possible", missing, "system", now,
          "order:" + orderId + ":auto-registration-missing");
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("Buyer AWS account", order.buyerAccountId());
      facts.put("Agreement", order.agreementId());
      facts.put("Missing", company == null && email == null ? "company and contact email"
          : company == null ? "company" : "contact email");
      team.notify(new TeamNotice(order.organizationId(), NotificationType.REGISTRATION_METADATA_MISSING,
          "Registration information missing for " + order.buyerAccountId(), missing, "/orders/" + orderId, facts,
          "registration-missing:" + orderId));
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>(metadata);
    orderRegistration.register(order, new Registration(Registration.Source.AUTOMATIC, company,
        contact == null ? company : contact, email, fields, null, now), "system (one hour after acceptance)");
  }

  void deadlineNear(UUID organizationId, UUID orderId) {
    Order order = orders.find(organizationId, orderId).orElse(null);
    if (order == null || order.status() != OrderStatus.PENDING_REGISTRATION) {
      return;
    }
    orders.record(order, order.status(), "registration deadline near",
        "the buyer has not registered; the deadline is " + order.registrationDeadline(), "system", clock.instant(),
        "order:" + orderId + ":deadline-near");
    team.notify(new TeamNotice(order.organizationId(), NotificationType.REGISTRATION_DEADLINE_NEAR,
        "Unregistered buyer " + order.buyerAccountId() + ": deadline " + order.registrationDeadline(),
        "Identify the buyer before the 48-hour deadline, or register them by hand.", "/orders/" + orderId,
        Map.of("Buyer AWS account", order.buyerAccountId(), "Deadline", String.valueOf(order.registrationDeadline()),
            "Agreement", order.agreementId()), "deadline-near:" + orderId));
  }

  void deadlinePassed(UUID organizationId, UUID orderId) {
    Order order = orders.find(organizationId, orderId).orElse(null);
    if (order == null || order.status() != OrderStatus.PENDING_REGISTRATION) {
      return;
    }
    Instant now = clock.instant();
    Order flagged = order.flagged(Order.CANCEL_AND_REFUND_ADVISED, now);
    if (!orders.update(flagged)) {
      throw new IllegalStateException("Order " + orderId + " changed while it was flagged");
    }
    String steps = REFUND_STEPS.formatted(order.buyerAccountId(), order.agreementId());
    orders.record(flagged, flagged.status(), "cancel and refund advised", steps, "system", now,
        "order:" + orderId + ":deadline-passed");
    team.notify(new TeamNotice(order.organizationId(), NotificationType.REGISTRATION_DEADLINE_PASSED,
        "Cancel and refund advised: buyer " + order.buyerAccountId() + " never registered",
        "The 48 hours to identify the buyer have passed. " + steps, "/orders/" + orderId,
        Map.of("Buyer AWS account", order.buyerAccountId(), "Agreement", order.agreementId()),
        "deadline-passed:" + orderId));
  }

  private static String text(Map<String, Object> metadata, String... keys) {
    for (String key : keys) {
      Object v = metadata.get(key);
      if (v != null && !String.valueOf(v).isBlank()) {
        return String.valueOf(v).strip();
      }
    }
    return null;
  }

  /** A job of the registration clock: one step, run for the job's order. */
  record ClockJob(String kind, BiConsumer<UUID, UUID> step) implements JobHandler {
    @Override
    public void handle(Job job) {
      step.accept(job.organizationId(), UUID.fromString(job.payload().get("orderId").asText()));
    }
  }

  @Bean
  JobHandler autoRegisterJob() {
    return new ClockJob(AUTO_REGISTER, this::autoRegister);
  }

  @Bean
  JobHandler deadlineNearJob() {
    return new ClockJob(DEADLINE_NEAR, this::deadlineNear);
  }

  @Bean
  JobHandler deadlinePassedJob() {
    return new ClockJob(DEADLINE_PASSED, this::deadlinePassed);
  }

  /** The registration clock of an order stops: it is registered, or closed and needs no registration. */
  static void stop(org.offerdesk.app.jobs.Jobs jobs, UUID orderId) {
    jobs.cancel(AUTO_REGISTER + ":" + orderId);
    jobs.cancel(DEADLINE_NEAR + ":" + orderId);
    jobs.cancel(DEADLINE_PASSED + ":" + orderId);
  }

  static List<String> kinds() {
    return List.of(AUTO_REGISTER, DEADLINE_NEAR, DEADLINE_PASSED);
  }
}
