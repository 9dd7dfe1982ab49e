package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementQuery;
import org.offerdesk.app.marketplace.MarketplaceBuyers;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.web.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering orders: the buyer's own registration through the page the marketplace sends them to (the
 * token resolved with ResolveCustomer), the automatic one from the offer's registration metadata, and the
 * seller identifying a buyer by hand. Whichever comes, {@link OrderRegistration} registers the order once,
 * welcomes and books it; what comes after updates it. A token names the customer and the product, not the agreement (SDK 2.40.2 has
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
  private final MarketplaceBuyers buyers;
  private final MarketplaceAgreements agreements;
  private final OrderStore orders;
  private final Listings listings;
  private final Offers offers;
  private final OrderRegistration orderRegistration;
  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final OrderIntake intake;

  Registrations(Marketplace marketplace, MarketplaceBuyers buyers, MarketplaceAgreements agreements,
      OrderStore orders, Listings listings, Offers offers, OrderRegistration orderRegistration, JdbcClient jdbc,
      ObjectMapper mapper, TransactionTemplate tx, Clock clock, OrderIntake intake) {
    this.marketplace = marketplace;
    this.buyers = buyers;
    this.agreements = agreements;
    this.orders = orders;
    this.listings = listings;
    this.offers = offers;
    this.orderRegistration = orderRegistration;
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
        MarketplaceBuyers.Customer resolved = buyers.resolve(org, token);
        Optional<Listing> listing = listings.all(org).stream()
            .filter(l -> resolved.productCode().equals(l.productCode())).findFirst();
        if (listing.isEmpty() && candidates.size() > 1) {
          continue;
        }
        Session session = new Session(UUID.randomUUID(), org, resolved.awsAccountId(), resolved.productCode(),
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
      } catch (MarketplaceRejection e) {
        if (e.is("ExpiredTokenException")) {
          throw new Refused("This registration link has expired",
              "Registration links from AWS Marketplace are valid for a few hours. Open the product again from your "
                  + "AWS Marketplace subscriptions to get a fresh one.");
        }
        last = e;
        if (!e.is("InvalidTokenException")) {
          log.debug("Token not resolved by {}: {}", org, e.toString());
        }
      } catch (Marketplace.NotConnected e) {
        last = e;
        log.debug("Token not resolved by {}: {}", org, e.toString());
      }
    }
    String why = last instanceof MarketplaceRejection r && r.detail() != null ? r.detail()
        : last == null ? null : last.getMessage();
    throw new Refused("This registration link is not valid", "We could not confirm this registration with AWS "
        + "Marketplace" + (why == null ? "." : ": " + why.split("\\(Service")[0].strip()));
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
    List<FieldError> errors = validate(session, form);
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
          errors.add(new FieldError("orderId", "choose the subscription you are registering"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
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
      order.ifPresent(o -> orderRegistration.register(o, registration, "buyer " + registration.email()));
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
    return Optional.ofNullable(session.orderId()).flatMap(id -> orders.find(session.organizationId(), id));
  }

  /** The seller identifies the buyer of an unregistered order by hand. */
  @Transactional
  Order registerBySeller(UUID org, UUID orderId, Form form, String actor) {
    Order order = orders.find(org, orderId).orElseThrow(() -> new NotFound("Order " + orderId));
    if (order.status() != OrderStatus.PENDING_REGISTRATION) {
      throw new Conflict("The order is " + order.status() + "; only an order waiting for registration can be "
          + "registered by hand");
    }
    List<FieldError> errors = validate(null, form);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Registration r = new Registration(Registration.Source.SELLER, form.company().strip(), form.contactName().strip(),
        form.email().strip().toLowerCase(), new LinkedHashMap<>(form.fields()), null, clock.instant());
    orderRegistration.register(order, r, actor);
    return orders.find(org, orderId).orElseThrow();
  }

  /** Takes in each ACTIVE agreement of the buyer for the product that OfferDesk has no order of yet. */
  private void findAgreementsNow(Session session) {
    try {
      agreements.search(session.organizationId(), AgreementQuery.active(session.buyerAccountId(),
              session.productId()), null).items()
          .forEach(a -> intake.intake(session.organizationId(), a.id(), OrderIntake.Hints.none("registration page")));
    } catch (RuntimeException e) {
      log.info("Could not look up the agreements of a registering buyer now: {}", e.toString());
    }
  }

  /** The fields the listing asks for: company, contact name, email, and the seller's own. */
  List<Listing.RegistrationField> fieldsOf(Session session) {
    return session.productId() == null ? List.of() : listings.find(session.organizationId(), session.productId())
        .map(l -> l.template().registrationFields()).orElse(List.of());
  }

  private List<FieldError> validate(Session session, Form form) {
    List<FieldError> errors = new ArrayList<>();
    if (form.company() == null || form.company().isBlank() || form.company().length() > 200) {
      errors.add(new FieldError("company", "is required"));
    }
    if (form.contactName() == null || form.contactName().isBlank() || form.contactName().length() > 200) {
      errors.add(new FieldError("contactName", "is required"));
    }
    if (form.email() == null || !EmailAddress.valid(form.email().strip())) {
      errors.add(new FieldError("email", EmailAddress.INVALID));
    }
    if (session != null) {
      for (Listing.RegistrationField f : fieldsOf(session)) {
        String value = form.fields().get(f.key());
        boolean empty = value == null || value.isBlank();
        if (empty && f.required()) {
          errors.add(new FieldError(f.key(), "is required"));
        } else if (!empty && f.type() == Listing.FieldType.EMAIL && !EmailAddress.valid(value.strip())) {
          errors.add(new FieldError(f.key(), EmailAddress.INVALID));
        } else if (!empty && f.type() == Listing.FieldType.NUMBER && !value.strip().matches("^-?[0-9]+(\\.[0-9]+)?$")) {
          errors.add(new FieldError(f.key(), "must be a number"));
        }
      }
    }
    return errors;
  }

  static String hash(String token) {
    return TokenHash.hex(token);
  }
}
