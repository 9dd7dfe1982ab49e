package org.offerdesk.sandbox.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.AgreementEvent;
import org.offerdesk.sandbox.catalog.CatalogEntities;
import org.offerdesk.sandbox.catalog.CatalogEvent;
import org.offerdesk.sandbox.catalog.ChangeSet;
import org.offerdesk.sandbox.catalog.ChangeSetStatus;
import org.offerdesk.sandbox.catalog.Offer;
import org.offerdesk.sandbox.catalog.SaaSProduct;
import org.offerdesk.sandbox.faults.Faults;
import org.offerdesk.sandbox.queues.Queues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happened in the sandbox into AWS's EventBridge events and puts them on the queues of the
 * accounts AWS would tell: change-set and offer events to the catalog account, agreement events to the
 * proposer and (for channel partner agreements) also to the manufacturer, license events to the
 * manufacturer. A seller who is both proposer and manufacturer gets only the Proposer variant, as on AWS.
 * Listeners run synchronously, inside the transaction of the change.
 */
@Component
public class MarketplaceEvents {

  public static final String CATALOG_SOURCE = "aws.marketplacecatalog";
  public static final String AGREEMENT_SOURCE = "aws.agreement-marketplace";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Queues queues;
  private final Faults faults;
  private final Accounts accounts;
  private final CatalogEntities entities;
  private final Clock clock;
  private final String region;

  MarketplaceEvents(Queues queues, Faults faults, Accounts accounts, CatalogEntities entities, Clock clock,
      @Value("${offerdesk.sandbox.region:us-east-1}") String region) {
    this.queues = queues;
    this.faults = faults;
    this.accounts = accounts;
    this.entities = entities;
    this.clock = clock;
    this.region = region;
  }

  @EventListener
  void on(CatalogEvent event) {
    if (event instanceof CatalogEvent.ChangeSetEnded ended) {
      changeSetEnded(ended.changeSet(), ended.changeSetArn());
    } else if (event instanceof CatalogEvent.OfferReleased released) {
      offerReleased(released);
    }
  }

  @EventListener
  void on(AgreementEvent event) {
    if (event instanceof AgreementEvent.Accepted accepted) {
      accepted(accepted.agreement(), accepted.replaced());
    } else if (event instanceof AgreementEvent.Ended ended) {
      ended(ended.agreement(), ended.endedAt());
    }
  }

  /**
   * Puts an event that the money side raises (billing adjustments, paused disbursements) on the account's
   * queue, in EventBridge's envelope, dated {@code time}.
   */
  public void announce(String accountId, String detailType, String source, List<String> resources, ObjectNode detail,
      Instant time) {
    deliver(accountId, envelope(detailType, source, accountId, resources, detail, time));
  }

  private void changeSetEnded(ChangeSet cs, String arn) {
    String detailType = switch (cs.status()) {
      case SUCCEEDED -> "Change Set Succeeded";
      case FAILED -> "Change Set Failed";
      case CANCELLED -> "Change Set Cancelled";
      default -> throw new IllegalStateException("Change set " + cs.id() + " has not ended");
    };
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("Catalog", "AWSMarketplace")
        .put("ChangeSetId", cs.id())
        .put("ChangeSetName", cs.name())
        .put("StartTime", iso(cs.startTime()))
        .put("EndTime", iso(cs.endTime()));
    if (cs.status() == ChangeSetStatus.FAILED) {
      detail.put("FailureCode", cs.failureCode());
    }
    deliver(cs.accountId(), envelope(detailType, CATALOG_SOURCE, cs.accountId(), List.of(arn), detail));
  }

  private void offerReleased(CatalogEvent.OfferReleased e) {
    Offer offer = e.offer();
    SaaSProduct product = e.product();
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    ObjectNode o = detail.putObject("offer").put("id", offer.id()).put("arn", e.offerArn()).put("name", offer.name());
    if (offer.availabilityEndDate() != null) {
      o.put("expirationDate", iso(offer.availabilityEndDate().atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC)));
    }
    detail.putObject("product").put("id", product.id()).put("arn", e.productArn()).put("title", product.title());
    party(detail.putObject("manufacturer"), product.ownerAccountId());
    party(detail.putObject("sellerOfRecord"), offer.ownerAccountId());
    ArrayNode buyers = detail.putArray("targetedBuyerAccountIds");
    offer.buyerAccounts().forEach(buyers::add);
    deliver(offer.ownerAccountId(), envelope("Offer Released", CATALOG_SOURCE, offer.ownerAccountId(), List.of(e.offerArn()), detail));
    // The event names a manufacturer and a seller of record: when a reseller released an offer on an ISV's
    // product (a channel partner offer), the ISV hears of it too.
    if (!product.ownerAccountId().equals(offer.ownerAccountId())) {
      ObjectNode copy = detail.deepCopy().put("requestId", UUID.randomUUID().toString());
      deliver(product.ownerAccountId(), envelope("Offer Released", CATALOG_SOURCE, product.ownerAccountId(),
          List.of(e.offerArn()), copy));
    }
  }

  private void accepted(Agreement a, Agreement replaced) {
    String kind = replaced == null ? "Purchase Agreement Created" : "Purchase Agreement Amended";
    deliverToParties(a, kind, agreementDetail(a), clock.instant());
    deliverLicense(a, "License Updated - Manufacturer", clock.instant());
  }

  private void ended(Agreement a, Instant endedAt) {
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    detail.putObject("agreement").put("id", a.agreementId()).put("status", a.status().name());
    deliverToParties(a, "Purchase Agreement Ended", detail, endedAt);
    deliverLicense(a, "License Deprovisioned - Manufacturer", endedAt);
  }

  /** A license event, which only the manufacturer gets. */
  private void deliverLicense(Agreement a, String detailType, Instant at) {
    SaaSProduct product = entities.find(a.productId(), SaaSProduct.class).orElse(null);
    ObjectNode license = JSON.createObjectNode();
    license.putObject("agreement").put("id", a.agreementId());
    license.putObject("product").put("code", product == null ? null : product.productCode()).put("id", a.productId());
    license.putObject("license").put("arn", a.licenseArn());
    license.putObject("acceptor").put("accountId", a.acceptorAccountId());
    license.putObject("proposer").put("accountId", a.proposerAccountId());
    license.putObject("offer").put("id", a.offerId());
    deliver(a.manufacturer(), envelope(detailType, AGREEMENT_SOURCE, a.manufacturer(), List.of(agreementArn(a)), license, at));
  }

  /** The Proposer variant to the proposer; the Manufacturer variant too when a reseller proposed. */
  private void deliverToParties(Agreement a, String kind, ObjectNode detail, Instant at) {
    deliver(a.proposerAccountId(), envelope(kind + " - Proposer", AGREEMENT_SOURCE, a.proposerAccountId(),
        List.of(agreementArn(a)), detail, at));
    if (a.hasReseller()) {
      deliver(a.manufacturer(), envelope(kind + " - Manufacturer", AGREEMENT_SOURCE, a.manufacturer(),
          List.of(agreementArn(a)), detail.deepCopy().put("requestId", UUID.randomUUID().toString()), at));
    }
  }

  private ObjectNode agreementDetail(Agreement a) {
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    ObjectNode agreement = detail.putObject("agreement")
        .put("id", a.agreementId())
        .put("intent", a.intent())
        .put("status", a.status().name())
        .put("acceptanceTime", iso(a.acceptanceTime()))
        .put("startTime", iso(a.startTime()));
    if (a.endTime() != null) {
      agreement.put("endTime", iso(a.endTime()));
    }
    if (a.previousAgreementId() != null) {
      agreement.put("previousAgreementId", a.previousAgreementId());
    }
    agreement.put("autoRenewalEnabled", false);
    entities.find(a.productId(), SaaSProduct.class)
        .ifPresent(p -> detail.putObject("product").put("id", p.id()).put("title", p.title()));
    if (a.resaleAuthorizationId() != null) {
      detail.putObject("resaleAuthorization").put("id", a.resaleAuthorizationId());
    } else {
      detail.putNull("resaleAuthorization");
    }
    detail.putObject("acceptor").put("accountId", a.acceptorAccountId());
    detail.putObject("proposer").put("accountId", a.proposerAccountId());
    detail.putObject("offer").put("id", a.offerId());
    return detail;
  }

  private void party(ObjectNode node, String accountId) {
    node.put("accountId", accountId);
    accounts.find(accountId).map(Account::name).ifPresent(name -> node.put("name", name));
  }

  private ObjectNode envelope(String detailType, String source, String account, List<String> resources, ObjectNode detail) {
    return envelope(detailType, source, account, resources, detail, clock.instant());
  }

  private ObjectNode envelope(String detailType, String source, String account, List<String> resources, ObjectNode detail,
      Instant time) {
    ObjectNode event = JSON.createObjectNode()
        .put("version", "0")
        .put("id", UUID.randomUUID().toString())
        .put("detail-type", detailType)
        .put("source", source)
        .put("account", account)
        .put("time", iso(time))
        .put("region", region);
    ArrayNode list = event.putArray("resources");
    resources.forEach(list::add);
    event.set("detail", detail);
    return event;
  }

  /**
   * Puts an event on the account's queue (sellers and resellers have one), duplicated, delayed or ahead of
   * the waiting ones when such faults are injected. A duplicate is the same event, with the same id.
   */
  private void deliver(String accountId, ObjectNode event) {
    if (accounts.find(accountId).filter(a -> a.kind().signsApiCalls()).isEmpty()) {
      return;
    }
    String body;
    try {
      body = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Faults.Settings injected = faults.current();
    for (int copy = faults.eventCopies(); copy > 0; copy--) {
      queues.send(accountId, Queues.EVENTS_QUEUE, body, injected.eventDelay(), injected.reorderEvents());
    }
  }

  static String agreementArn(Agreement a) {
    return "arn:aws:aws-marketplace::aws:agreement:" + a.agreementId();
  }

  private static String iso(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
