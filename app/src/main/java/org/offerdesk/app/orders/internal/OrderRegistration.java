package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Registering one order, the step that order intake and registrations share: whoever registers it (the
 * buyer's form, a submission that waited for its order to arrive, the automatic registration, the seller
 * by hand), it is registered once, its clock stopped, the team told, the buyer welcomed and the order
 * booked. It depends on neither {@link OrderIntake} nor {@link Registrations}, so both can use it.
 */
@Service
record OrderRegistration(OrderStore orders, Listings listings, Offers offers, Jobs jobs, TeamNotifications team,
    Emails emails, Webhooks webhooks, Bookings bookings, JdbcClient jdbc, ObjectMapper mapper, Clock clock) {

  /** A new order looks for a registration its buyer already submitted. */
  void attachSubmitted(Order order) {
    if (order.productId() == null) {
      return;
    }
    List<UUID> waiting = jdbc.sql("""
        SELECT id FROM registration_session WHERE organization_id = ? AND buyer_account_id = ? AND product_id = ?
          AND submitted_at IS NOT NULL AND order_id IS NULL ORDER BY submitted_at""")
        .params(order.organizationId(), order.buyerAccountId(), order.productId()).query(UUID.class).list();
    for (UUID id : waiting) {
      String submission = jdbc.sql("SELECT submission::text FROM registration_session WHERE organization_id = ?"
          + " AND id = ?").params(order.organizationId(), id).query(String.class).single();
      try {
        Registration r = mapper.readValue(submission, Registration.class);
        // Taken by the buyer's own submission meanwhile: that one registers.
        if (jdbc.sql("UPDATE registration_session SET order_id = ? WHERE organization_id = ? AND id = ?"
            + " AND order_id IS NULL").params(order.id(), order.organizationId(), id).update() == 0) {
          continue;
        }
        Order current = orders.findForUpdate(order.organizationId(), order.id()).orElseThrow();
        register(current, r, "buyer " + r.email());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Registers an order, at most once: REGISTERED, the waiting jobs cancelled, the team told, the buyer
   * welcomed, the order booked, the offer moved. A buyer registering an order that was registered
   * automatically or by the seller replaces those details (told as late); a buyer registering an order a
   * buyer registered already updates the details, with no second welcome or notice. Automatic and seller
   * registrations never overwrite one that exists.
   */
  void register(Order order, Registration registration, String actor) {
    Instant now = clock.instant();
    Registration before = order.registration();
    if (before != null && registration.source() != Registration.Source.BUYER) {
      return;
    }
    if (before != null && before.source() == Registration.Source.BUYER) {
      Order updated = order.registered(registration, now);
      if (!orders.update(updated)) {
        throw new IllegalStateException("Order " + order.id() + " changed while its registration was updated");
      }
      orders.record(updated, updated.status(), "registration updated by the buyer",
          registration.company() + " · " + registration.email(), actor, now, null);
      return;
    }
    boolean late = before != null;
    Order registered = order.registered(registration, now);
    if (!orders.update(registered)) {
      throw new IllegalStateException("Order " + order.id() + " changed while it was registered");
    }
    String how = switch (registration.source()) {
      case BUYER -> "registered by the buyer";
      case AUTOMATIC -> "registered automatically from the offer's registration information";
      case SELLER -> "registered by the seller";
    };
    String lateCause = late ? "buyer completed registration (after " + (before.source() == Registration.Source.AUTOMATIC
        ? "automatic registration" : "the seller registered the order") + ")" : null;
    orders.record(registered, registered.status(), late ? lateCause : how,
        registration.company() + " · " + registration.email(), actor, now,
        "order:" + order.id() + ":registered:" + registration.source() + (late ? ":late" : ""));
    RegistrationJobs.stop(jobs, order.id());
    Optional<Listing> listing = order.productId() == null ? Optional.empty()
        : listings.find(order.organizationId(), order.productId());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Company", registration.company());
    facts.put("Contact", registration.contactName() + " <" + registration.email() + ">");
    facts.put("Source", registration.source().name());
    facts.put("Buyer AWS account", order.buyerAccountId());
    facts.put("Agreement", order.agreementId());
    listing.ifPresent(l -> facts.put("Product", l.title()));
    team.notify(new TeamNotice(order.organizationId(), NotificationType.REGISTRATION_COMPLETED,
        registration.company() + (late ? " (the buyer's own details)" : "") + " for " + order.buyerAccountId(),
        "The order of " + order.buyerAccountId() + " is registered (" + (late ? lateCause : how) + ").",
        "/orders/" + order.id(), facts,
        "registration-completed:" + order.id() + ":" + registration.source() + (late ? ":late" : "")));
    if (EmailAddress.valid(registration.email())) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("contactName", registration.contactName());
      model.put("company", registration.company());
      model.put("product", listing.map(Listing::title).orElse(order.productId()));
      model.put("supportEmail", listing.map(l -> l.template().supportEmail()).orElse(null));
      model.put("supportUrl", listing.map(l -> l.template().supportUrl()).orElse(null));
      model.put("welcomeText", listing.map(l -> l.template().welcomeText()).orElse(null));
      emails.queue(new OutgoingEmail(order.organizationId(), List.of(registration.email()), "buyer-welcome", model,
          "welcome:" + order.id() + ":" + registration.email()));
    }
    if (!late) {
      if (order.offerId() != null) {
        offers.registered(order.organizationId(), order.offerId(), "order " + order.id());
      }
      webhooks.publish(order.organizationId(), "order.registered", "order.registered:" + order.id(),
          OrderView.of(registered, List.of()));
      bookings.book(registered, listing);
    }
  }
}
