package org.offerdesk.sandbox.buyers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.AgreementEvent;
import org.offerdesk.sandbox.agreements.AgreementStatus;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.CatalogEntities;
import org.offerdesk.sandbox.catalog.Offer;
import org.offerdesk.sandbox.catalog.Products;
import org.offerdesk.sandbox.catalog.SaaSProduct;
import org.offerdesk.sandbox.metering.RegistrationTokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buyers accepting offers and subscribing to products. Each purchase is one transaction: the agreement,
 * the end of the agreement a replacement offer replaces, the registration token and the events the
 * sellers get. A refused purchase changes nothing.
 */
@Service
public class Purchases {

  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Accounts accounts;
  private final CatalogEntities entities;
  private final Products products;
  private final Agreements agreements;
  private final RegistrationTokens tokens;
  private final ApplicationEventPublisher events;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Purchases(Accounts accounts, CatalogEntities entities, Products products, Agreements agreements, RegistrationTokens tokens,
      ApplicationEventPublisher events, JdbcTemplate jdbc, Clock clock) {
    this.accounts = accounts;
    this.entities = entities;
    this.products = products;
    this.agreements = agreements;
    this.tokens = tokens;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What a purchase came to: the agreement, and where the buyer's browser goes with which token. */
  public record Purchase(Agreement agreement, String fulfillmentUrl, String token) {}

  /**
   * A buyer accepts a released private offer targeted to it, before its availability end date, once. A
   * replacement offer replaces the agreement it was made for; a channel partner offer's agreement is
   * proposed by the reseller and carries the resale authorization.
   */
  @Transactional
  public Purchase accept(String offerId, String buyerAccountId, Map<String, Long> quantities) {
    Account buyer = buyer(buyerAccountId);
    // one acceptance at a time per offer, so that two clicks make one agreement
    jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> {}, "offer/" + offerId);
    Offer offer = entities.find(offerId, Offer.class)
        .orElseThrow(() -> new PurchaseRefused(404, "OFFER_NOT_FOUND", "Offer " + offerId + " does not exist"));
    if (!offer.isReleased()) {
      throw new PurchaseRefused(409, "OFFER_NOT_RELEASED", "Offer " + offerId + " is not released");
    }
    if (!offer.buyerAccounts().contains(buyerAccountId)) {
      throw new PurchaseRefused(403, "BUYER_NOT_TARGETED", "Offer " + offerId + " is not extended to account " + buyerAccountId);
    }
    Instant now = clock.instant();
    if (offer.isExpired(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
      throw new PurchaseRefused(410, "OFFER_EXPIRED", "Offer " + offerId + " expired on " + offer.availabilityEndDate());
    }
    if (agreements.isAccepted(offerId)) {
      throw new PurchaseRefused(409, "OFFER_ALREADY_ACCEPTED", "Offer " + offerId + " has already been accepted");
    }
    Agreement replaced = null;
    if (offer.isReplacement()) {
      replaced = agreements.findForUpdate(offer.agreementId())
          .filter(Agreement::isActive)
          .orElseThrow(() -> new PurchaseRefused(409, "AGREEMENT_NOT_ACTIVE",
              "The agreement " + offer.agreementId() + " this offer replaces is no longer active"));
    }
    SaaSProduct product = products.find(offer.productId()).orElseThrow();
    AcceptedTerms terms = AcceptedTerms.of(offer.terms(), quantities, now);
    if (replaced == null) {
      refuseSecondContract(offer, buyerAccountId, terms);
    }
    String manufacturer = offer.isChannelPartnerOffer() ? offer.manufacturerAccountId() : offer.ownerAccountId();
    Agreement agreement = new Agreement(newAgreementId(), offer.id(), product.id(), offer.ownerAccountId(), buyer.id().value(),
        AgreementStatus.ACTIVE, now, terms.start(), terms.end(), replaced == null ? "NEW" : "REPLACE",
        replaced == null ? null : replaced.agreementId(), offer.resaleAuthorizationId(), manufacturer, offer.offerSetId(), true,
        terms.terms(), terms.entitlements(), terms.currencyCode(), terms.value());
    return complete(agreement, replaced, product, now);
  }

  /**
   * AWS's buyer guide ("Changing from an existing SaaS or AMI contract to a new contract"): a buyer with a
   * contract from a private offer cannot accept another private offer for the same product; it waits for
   * the contract to end, has it terminated, or buys with another account. A replacement offer replaces the
   * contract instead, and a future dated offer may start when it ends. One lock per buyer and product, so
   * two acceptances at once cannot both pass.
   */
  private void refuseSecondContract(Offer offer, String buyerAccountId, AcceptedTerms terms) {
    jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> {}, "contract/" + offer.productId() + "/" + buyerAccountId);
    agreements.ofProduct(offer.productId()).stream()
        .filter(a -> a.isActive() && a.privateOffer() && a.acceptorAccountId().equals(buyerAccountId))
        .filter(a -> a.overlaps(terms.start(), terms.end()))
        .findFirst()
        .ifPresent(a -> {
          throw new PurchaseRefused(409, "ACTIVE_AGREEMENT_EXISTS", "Account " + buyerAccountId + " already has the "
              + "active agreement " + a.agreementId() + " for " + offer.productId() + " until " + a.endTime()
              + "; accept a replacement offer of that agreement, or an offer that starts when it ends");
        });
  }

  /** A buyer subscribes to a public product at list price, under the standard EULA, for 12 months. */
  @Transactional
  public Purchase subscribe(String productId, String buyerAccountId, Map<String, Long> quantities) {
    Account buyer = buyer(buyerAccountId);
    jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> {}, "subscribe/" + productId + "/" + buyerAccountId);
    SaaSProduct product = products.find(productId)
        .orElseThrow(() -> new PurchaseRefused(404, "PRODUCT_NOT_FOUND", "Product " + productId + " does not exist"));
    if (!product.isPublic()) {
      throw new PurchaseRefused(409, "PRODUCT_NOT_PUBLIC", "Product " + productId + " is " + product.visibility()
          + "; only public products can be subscribed to");
    }
    for (String key : quantities.keySet()) {
      if (product.isMetered(key)) {
        throw new PurchaseRefused(400, "INVALID_DIMENSION", "Dimension " + key + " is metered by use, not bought upfront");
      }
    }
    boolean subscribed = agreements.ofProduct(productId).stream()
        .anyMatch(a -> a.isActive() && !a.privateOffer() && a.acceptorAccountId().equals(buyerAccountId));
    if (subscribed) {
      throw new PurchaseRefused(409, "ALREADY_SUBSCRIBED", "Account " + buyerAccountId + " already subscribes to " + productId);
    }
    Instant now = clock.instant();
    AcceptedTerms terms = AcceptedTerms.of(product.publicOfferTerms(), quantities, now);
    Agreement agreement = new Agreement(newAgreementId(), product.publicOfferId(), product.id(), product.ownerAccountId(),
        buyer.id().value(), AgreementStatus.ACTIVE, now, terms.start(), terms.end(), "NEW", null, null,
        product.ownerAccountId(), null, false, terms.terms(), terms.entitlements(), terms.currencyCode(), terms.value());
    return complete(agreement, null, product, now);
  }

  private Purchase complete(Agreement agreement, Agreement replaced, SaaSProduct product, Instant now) {
    agreements.insert(agreement);
    if (replaced != null) {
      agreements.updateStatus(replaced.withStatus(AgreementStatus.REPLACED), now);
    }
    String token = tokens.issue(agreement.agreementId(), product.id(), product.productCode(), product.ownerAccountId(),
        agreement.acceptorAccountId());
    events.publishEvent(new AgreementEvent.Accepted(agreement, replaced));
    return new Purchase(agreement, product.fulfillmentUrl(), token);
  }

  /** Private offers targeted to a buyer that it can still accept, and the public products it can subscribe to. */
  public record Choices(List<Offer> offers, List<SaaSProduct> publicProducts) {}

  public Choices choicesOf(String buyerAccountId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Offer> offers = entities.all(org.offerdesk.sandbox.catalog.EntityType.OFFER).stream()
        .map(Offer.class::cast)
        .filter(o -> o.isReleased() && o.buyerAccounts().contains(buyerAccountId) && !o.isExpired(today))
        .filter(o -> !agreements.isAccepted(o.id()))
        .toList();
    return new Choices(offers, products.all().stream().filter(SaaSProduct::isPublic).toList());
  }

  private Account buyer(String buyerAccountId) {
    if (buyerAccountId == null || buyerAccountId.isBlank()) {
      throw new PurchaseRefused(400, "MISSING_BUYER", "buyerAccountId is required");
    }
    return accounts.find(buyerAccountId)
        .orElseThrow(() -> new PurchaseRefused(404, "UNKNOWN_BUYER", "Account " + buyerAccountId + " does not exist"));
  }

  private String newAgreementId() {
    StringBuilder id = new StringBuilder("agmt-");
    for (int i = 0; i < 25; i++) {
      id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
    }
    return id.toString();
  }
}
