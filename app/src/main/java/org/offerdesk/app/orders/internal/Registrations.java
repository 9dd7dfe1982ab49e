package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.webhooks.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.marketplacemetering.model.ExpiredTokenException;
import software.amazon.awssdk.services.marketplacemetering.model.InvalidTokenException;
import software.amazon.awssdk.services.marketplacemetering.model.ResolveCustomerResponse;

/**
 * Registering orders: the buyer's own registration through the page the marketplace sends them to (the
 * token resolved with ResolveCustomer), the automatic one from the offer's registration metadata, and the
 * seller identifying a buyer by hand. Whichever comes, the order is registered once, welcomed and booked;
 * what comes after updates it. A token names the customer and the product, not the agreement (SDK 2.40.2 has
 * no LicenseArn), so a buyer with several open orders for the product chooses the one they register.
 */
@Service
class Registrations {

  private static final Logger log = LoggerFactory.getLogger(Registrations.class);

  /** A buyer arrived with a token that resolved: who they are and where their form lives. */
  record Session(UUID id, UUID organizationId, String buyerAccountId, String productCode, String productId,
      String customerIdentifier, boolean submitted, UUID orderId) {}

  /** Why a token could not be used: shown to the buyer in words. */
  static final class Refused extends RuntimeException {
    final String title;

    Refused(String title, String message) {
      super(message);
      this.title = title;
    }
  }

  /** What the buyer types in. */
  record Form(String company, String contactName, String email, Map<String, String> fields) {}

  private final Marketplace marketplace;
  private final OrderStore orders;
  private final Listings listings;
  private final Offers offers;
  private final Jobs jobs;
  private final TeamNotifications team;
  private final Emails emails;
  private final Webhooks webhooks;
  private final Bookings bookings;
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final OrderIntake intake;

  Registrations(Marketplace marketplace, OrderStore orders, Listings listings, Offers offers, Jobs jobs,
      TeamNotifications team, Emails emails, Webhooks webhooks, Bookings bookings, JdbcClient jdbc,
      ObjectMapper mapper, TransactionTemplate tx, Clock clock, OrderIntake intake) {
    this.marketplace = marketplace;
    this.orders = orders;
    this.listings = listings;
    this.offers = offers;
    this.jobs = jobs;
    this.team = team;
    this.emails = emails;
    this.webhooks = webhooks;
    this.bookings = bookings;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.tx = tx;
    this.clock = clock;
    this.intake = intake;
  }

  /**
   * The marketplace sent a buyer with a token. Resolves it with the organization that owns it (the one
   * named in the URL, or each connected one in turn) and opens a registration session, once per token.
   */
  Session arrive(String token, Optional<UUID> organization) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      throw new Refused("This registration link is not valid",
          "The marketplace did not send a registration token. Open the product again from AWS Marketplace.");
    }
    String hash = hash(token);
    Optional<Session> known = sessionByToken(hash);
    if (known.isPresent()) {
      return known.get();
    }
    List<UUID> candidates = organization.map(List::of).orElseGet(marketplace::connectedOrganizations);
    RuntimeException last = null;
    for (UUID org : candidates) {
      try {
        ResolveCustomerResponse resolved = marketplace.metering(org).resolveCustomer(r -> r.registrationToken(token));
        Optional<Listing> listing = listings.all(org).stream()
            .filter(l -> resolved.productCode().equals(l.productCode())).findFirst();
        if (listing.isEmpty() && candidates.size() > 1) {
          continue;
        }
        Session session = new Session(UUID.randomUUID(), org, resolved.customerAWSAccountId(), resolved.productCode(),
            listing.map(Listing::productId).orElse(null), resolved.customerIdentifier(), false, null);
        jdbc.sql("""
            INSERT INTO registration_session (id, organization_id, token_hash, customer_identifier, buyer_account_id,
              product_code, product_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(session.id(), org, hash, session.customerIdentifier(), session.buyerAccountId(),
                session.productCode(), session.productId(), Timestamp.from(clock.instant()))
            .update();
        if (session.productId() != null) {
          // The token does not say which agreement it is for: know them all before the buyer chooses.
          findAgreementsNow(session);
        }
        return session;
      } catch (ExpiredTokenException e) {
        throw new Refused("This registration link has expired",
            "Registration links from AWS Marketplace are valid for a few hours. Open the product again from your "
                + "AWS Marketplace subscriptions to get a fresh one.");
      } catch (InvalidTokenException e) {
        last = e;
      } catch (AwsServiceException | org.offerdesk.app.marketplace.Marketplace.NotConnected e) {
        last = e;
        log.debug("Token not resolved by {}: {}", org, e.toString());
      }
    }
    throw new Refused("This registration link is not valid", "We could not confirm this registration with AWS "
        + "Marketplace" + (last == null ? "." : ": " + last.getMessage().split("\\(Service")[0].strip()));
  }

  Optional<Session> session(UUID id) {
    return jdbc.sql("SELECT * FROM registration_session WHERE id = ?").param(id).query((rs, row) -> new Session(
        rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("buyer_account_id"),
        rs.getString("product_code"), rs.getString("product_id"), rs.getString("customer_identifier"),
        rs.getTimestamp("submitted_at") != null, rs.getObject("order_id", UUID.class))).optional();
  }

  private Optional<Session> sessionByToken(String hash) {
    return jdbc.sql("SELECT id FROM registration_session WHERE token_hash = ? ORDER BY created_at LIMIT 1")
        .param(hash).query(UUID.class).optional().flatMap(this::session);
  }

  /**
   * The buyer submits the form: validated, then the order of their subscription is registered (or the
   * form kept until it exists). Which order: the one this session already registered; else the buyer's only
   * open order for the product; else the one they chose among several ({@code chosenOrderId}), since a
   * token names only the customer and the product. A session submitted again, or a second session for an
   * order that is registered, updates the registration instead of registering it twice.
   */
  Session submit(UUID sessionId, Form form, UUID chosenOrderId) {
    Session session = session(sessionId).orElseThrow(() -> new Refused("This registration is not valid",
        "Open the product again from AWS Marketplace to register."));
    List<ApiProblem.FieldError> errors = validate(session, form);
    Optional<UUID> target = Optional.ofNullable(session.orderId());
    if (target.isEmpty()) {
      List<Order> open = subscriptionsOf(session);
      if (open.isEmpty() && session.productId() != null) {
        // The buyer can be quicker than the marketplace's event: look the agreements up now.
        findAgreementsNow(session);
        open = subscriptionsOf(session);
      }
      if (open.size() == 1) {
        target = Optional.of(open.get(0).id());
      } else if (open.size() > 1) {
        target = open.stream().map(Order::id).filter(id -> id.equals(chosenOrderId)).findFirst();
        if (target.isEmpty()) {
          errors.add(new ApiProblem.FieldError("orderId", "choose the subscription you are registering"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    Instant now = clock.instant();
    Registration registration = new Registration(Registration.Source.BUYER, form.company().strip(),
        form.contactName().strip(), form.email().strip().toLowerCase(), new LinkedHashMap<>(form.fields()),
        session.customerIdentifier(), now);
    Optional<UUID> orderId = target;
    return tx.execute(status -> {
      // Locks the session, then its order: two submissions at once become one registration and one update.
      jdbc.sql("SELECT id FROM registration_session WHERE organization_id = ? AND id = ? FOR UPDATE")
          .params(session.organizationId(), sessionId).query(UUID.class).single();
      Optional<Order> order = orderId.flatMap(id -> orders.findForUpdate(session.organizationId(), id));
      jdbc.sql("""
          UPDATE registration_session SET submitted_at = COALESCE(submitted_at, ?), submission = CAST(? AS jsonb),
            order_id = COALESCE(order_id, ?) WHERE organization_id = ? AND id = ?""")
          .params(Timestamp.from(now), orders.json(registration), orderId.orElse(null), session.organizationId(),
              sessionId).update();
      order.ifPresent(o -> register(o, registration, "buyer " + registration.email()));
      return session(sessionId).orElseThrow();
    });
  }

  /** The buyer's open orders for the session's product: the subscriptions the token may stand for. */
  List<Order> subscriptionsOf(Session session) {
    return session.productId() == null ? List.of()
        : orders.openFor(session.organizationId(), session.buyerAccountId(), session.productId());
  }

  /** One of the buyer's subscriptions, as the registration page shows it. */
  record Subscription(UUID orderId, String agreementId, String offer, java.time.LocalDate starts,
      java.time.LocalDate ends, boolean registered, OrderStatus status, boolean replaced) {}

  /** Orders as the buyer knows them: the offer's name, the agreement, its dates. */
  List<Subscription> describe(List<Order> list) {
    return list.stream().map(o -> new Subscription(o.id(), o.agreementId(),
        o.offerId() == null ? null : offers.find(o.organizationId(), o.offerId()).map(
            org.offerdesk.app.offers.OfferSummary::name).orElse(null),
        o.startsAt() == null ? null : java.time.LocalDate.ofInstant(o.startsAt(), java.time.ZoneOffset.UTC),
        o.endsAt() == null ? null : java.time.LocalDate.ofInstant(o.endsAt(), java.time.ZoneOffset.UTC),
        o.registration() != null, o.status(), o.replacedByOrderId() != null)).toList();
  }

  /** What the buyer submitted last, to fill the form again when they change it. */
  Optional<Registration> submission(Session session) {
    return jdbc.sql("""
        SELECT submission::text FROM registration_session
        WHERE organization_id = ? AND id = ? AND submission IS NOT NULL""")
        .params(session.organizationId(), session.id()).query(String.class).optional().map(text -> {
          try {
            return mapper.readValue(text, Registration.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The order the session registered, if it did. */
  Optional<Order> orderOf(Session session) {
    return Optional.ofNullable(session.orderId()).flatMap(orders::find);
  }

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

  /** The seller identifies the buyer of an unregistered order by hand. */
  @Transactional
  Order registerBySeller(UUID org, UUID orderId, Form form, String actor) {
    Order order = orders.find(org, orderId).orElseThrow(() -> ApiProblem.notFound("Order " + orderId));
    if (order.status() != OrderStatus.PENDING_REGISTRATION) {
      throw ApiProblem.conflict("The order is " + order.status() + "; only an order waiting for registration can be "
          + "registered by hand");
    }
    List<ApiProblem.FieldError> errors = validate(null, form);
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    Registration r = new Registration(Registration.Source.SELLER, form.company().strip(), form.contactName().strip(),
        form.email().strip().toLowerCase(), new LinkedHashMap<>(form.fields()), null, clock.instant());
    register(order, r, actor);
    return orders.find(orderId).orElseThrow();
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

  /** Takes in each ACTIVE agreement of the buyer for the product that OfferDesk has no order of yet. */
  private void findAgreementsNow(Session session) {
    try {
      marketplace.agreements(session.organizationId()).searchAgreements(r -> r.catalog("AWSMarketplace")
              .filters(f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
                  f -> f.name("AcceptorAccountId").values(session.buyerAccountId()),
                  f -> f.name("ResourceId").values(session.productId()),
                  f -> f.name("Status").values("ACTIVE")))
          .agreementViewSummaries()
          .forEach(a -> intake.intake(session.organizationId(), a.agreementId(),
              OrderIntake.Hints.none("registration page")));
    } catch (RuntimeException e) {
      log.info("Could not look up the agreements of a registering buyer now: {}", e.toString());
    }
  }

  /** The fields the listing asks for: company, contact name, email, and the seller's own. */
  List<Listing.RegistrationField> fieldsOf(Session session) {
    return session.productId() == null ? List.of() : listings.find(session.organizationId(), session.productId())
        .map(l -> l.template().registrationFields()).orElse(List.of());
  }

  private List<ApiProblem.FieldError> validate(Session session, Form form) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (form.company() == null || form.company().isBlank() || form.company().length() > 200) {
      errors.add(new ApiProblem.FieldError("company", "is required"));
    }
    if (form.contactName() == null || form.contactName().isBlank() || form.contactName().length() > 200) {
      errors.add(new ApiProblem.FieldError("contactName", "is required"));
    }
    if (form.email() == null || !EmailAddress.valid(form.email().strip())) {
      errors.add(new ApiProblem.FieldError("email", EmailAddress.INVALID));
    }
    if (session != null) {
      for (Listing.RegistrationField f : fieldsOf(session)) {
        String value = form.fields().get(f.key());
        boolean empty = value == null || value.isBlank();
        if (empty && f.required()) {
          errors.add(new ApiProblem.FieldError(f.key(), "is required"));
        } else if (!empty && f.type() == Listing.FieldType.EMAIL && !EmailAddress.valid(value.strip())) {
          errors.add(new ApiProblem.FieldError(f.key(), EmailAddress.INVALID));
        } else if (!empty && f.type() == Listing.FieldType.NUMBER && !value.strip().matches("^-?[0-9]+(\\.[0-9]+)?$")) {
          errors.add(new ApiProblem.FieldError(f.key(), "must be a number"));
        }
      }
    }
    return errors;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
