package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.signing.SigV4;
import org.springframework.stereotype.Component;

/**
 * Renders entities the way DescribeEntity and ListEntities show them: AWS's DetailsDocument shapes and
 * entity summaries, with dates as ISO instants.
 */
@Component
public class EntityDocuments {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Accounts accounts;
  private final CatalogEntities entities;
  private final Arns arns;

  EntityDocuments(Accounts accounts, CatalogEntities entities, Arns arns) {
    this.accounts = accounts;
    this.entities = entities;
    this.arns = arns;
  }

  /** The 20-character form of Catalog API timestamps, e.g. {@code 2021-05-27T22:21:26Z}. */
  public static String seconds(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  static String startOfDay(LocalDate date) {
    return date == null ? null : MILLIS.format(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  static String endOfDay(LocalDate date) {
    return date == null ? null : MILLIS.format(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
  }

  String arn(CatalogEntity entity) {
    return arns.entity(entity);
  }

  String identifier(CatalogEntity entity) {
    return entity.id() + "@" + entity.revision();
  }

  ObjectNode details(CatalogEntity entity) {
    if (entity instanceof Offer offer) {
      return offer(offer);
    }
    if (entity instanceof ResaleAuthorization ra) {
      return resaleAuthorization(ra);
    }
    return product((SaaSProduct) entity);
  }

  private ObjectNode product(SaaSProduct p) {
    ObjectNode d = F.objectNode();
    ObjectNode description = d.putObject("Description");
    description.put("ProductTitle", p.title());
    description.put("ProductCode", p.productCode());
    description.put("ShortDescription", p.shortDescription);
    description.put("Manufacturer", accountName(p.ownerAccountId()));
    description.put("Visibility", p.visibility().name());
    ArrayNode dimensions = d.putArray("Dimensions");
    p.dimensions().forEach(dim -> dimensions.add(dimension(dim)));
    ObjectNode version = d.putArray("Versions").addObject();
    version.put("Id", "version-" + p.id().substring("prod-".length()));
    version.put("VersionTitle", "1.0");
    ObjectNode delivery = version.putArray("DeliveryOptions").addObject();
    delivery.put("Id", "do-" + p.id().substring("prod-".length()));
    delivery.put("Type", "SaaSUrl");
    delivery.put("Title", p.title());
    delivery.put("Visibility", p.visibility() == SaaSProduct.Visibility.Public ? "Public" : "Limited");
    delivery.put("FulfillmentUrl", p.fulfillmentUrl());
    return d;
  }

  private static ObjectNode dimension(Dimension dim) {
    ObjectNode node = F.objectNode();
    node.put("Key", dim.key());
    node.put("Name", dim.name());
    node.put("Description", dim.description());
    node.put("Unit", dim.unit());
    ArrayNode types = node.putArray("Types");
    dim.types().forEach(types::add);
    return node;
  }

  private ObjectNode offer(Offer o) {
    ObjectNode d = F.objectNode();
    d.put("Id", o.id());
    d.put("State", o.state().name());
    d.put("Name", o.name);
    d.put("Description", o.description);
    if (o.preExistingAgreement != null) {
      d.set("PreExistingAgreement", o.preExistingAgreement);
    }
    d.put("ProductId", o.productId());
    if (o.offerSetId != null) {
      d.put("OfferSetId", o.offerSetId);
    }
    if (o.isChannelPartnerOffer()) {
      d.put("ResaleAuthorizationId", o.resaleAuthorizationId);
      if (o.markupPercentage != null) {
        d.put("MarkupPercentage", o.markupPercentage.toPlainString());
      }
    }
    if (o.isReplacement()) {
      d.put("AgreementId", o.agreementId);
    }
    if (o.releaseDate != null) {
      d.put("ReleaseDate", MILLIS.format(o.releaseDate));
    }
    ArrayNode terms = d.putArray("Terms");
    o.pricingTerms.forEach(terms::add);
    addIfPresent(terms, o.legalTerm);
    addIfPresent(terms, o.supportTerm);
    if (o.validityTerm != null) {
      ObjectNode validity = o.validityTerm.deepCopy();
      dateToInstant(validity, "AgreementStartDate", false);
      dateToInstant(validity, "AgreementEndDate", true);
      terms.add(validity);
    }
    if (o.paymentScheduleTerm != null) {
      terms.add(scheduleWithInstants(o.paymentScheduleTerm));
    }
    addIfPresent(terms, o.renewalTerm);
    ArrayNode rules = d.putArray("Rules");
    ObjectNode targeting = rules.addObject();
    targeting.put("Type", "TargetingRule");
    ObjectNode positive = targeting.putObject("PositiveTargeting");
    if (!o.countryCodes.isEmpty()) {
      ArrayNode countries = positive.putArray("CountryCodes");
      o.countryCodes.forEach(countries::add);
    }
    ArrayNode buyers = positive.putArray("BuyerAccounts");
    o.buyerAccounts.forEach(buyers::add);
    if (!o.negativeCountryCodes.isEmpty()) {
      ArrayNode countries = targeting.putObject("NegativeTargeting").putArray("CountryCodes");
      o.negativeCountryCodes.forEach(countries::add);
    }
    if (o.availabilityEndDate != null) {
      ObjectNode availability = rules.addObject();
      availability.put("Type", "AvailabilityRule");
      availability.put("AvailabilityEndDate", endOfDay(o.availabilityEndDate));
    }
    return d;
  }

  private ObjectNode resaleAuthorization(ResaleAuthorization ra) {
    ObjectNode d = F.objectNode();
    d.put("Id", ra.id());
    d.put("Name", ra.name);
    d.put("Description", ra.description);
    d.put("ProductId", ra.productId());
    SaaSProduct product = entities.find(ra.productId(), SaaSProduct.class).orElse(null);
    d.put("ProductName", product == null ? null : product.title());
    d.put("Status", ra.status().name());
    if (ra.preExistingBuyerAgreement != null) {
      d.set("PreExistingBuyerAgreement", ra.preExistingBuyerAgreement);
    }
    d.put("CreatedDate", MILLIS.format(ra.createdDate));
    d.put("ManufacturerAccountId", ra.ownerAccountId());
    d.put("ManufacturerLegalName", accountName(ra.ownerAccountId()));
    ArrayNode dimensions = d.putArray("Dimensions");
    if (product != null) {
      product.dimensions().forEach(dim -> dimensions.add(dimension(dim)));
    }
    ObjectNode offerDetails = d.putObject("OfferDetails");
    offerDetails.put("OfferExtendedStatus", ra.offerExtendedStatus());
    offerDetails.put("OfferCreatedCount", ra.offerCreatedCount);
    ArrayNode terms = d.putArray("Terms");
    ra.pricingTerms.forEach(t -> terms.add(withId(ra, t)));
    ra.legalTerms.forEach(t -> terms.add(withId(ra, t)));
    if (ra.paymentScheduleTerm != null) {
      terms.add(withId(ra, scheduleWithInstants(ra.paymentScheduleTerm)));
    }
    if (!ra.buyerAccounts.isEmpty()) {
      ObjectNode targeting = F.objectNode();
      targeting.put("Type", "BuyerTargetingTerm");
      ArrayNode buyers = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
      ra.buyerAccounts.forEach(b -> buyers.addObject().put("AwsAccountId", b));
      terms.add(withId(ra, targeting));
    }
    ArrayNode rules = d.putArray("Rules");
    ObjectNode availability = rules.addObject();
    availability.put("Type", "AvailabilityRule");
    availability.put("Id", termId(ra, "AvailabilityRule"));
    availability.put("Usage", ra.offersMaxQuantity == null ? "Unlimited" : "Limited");
    availability.put("AvailabilityEndDate", endOfDay(ra.availabilityEndDate));
    if (ra.offersMaxQuantity != null) {
      availability.put("OffersMaxQuantity", ra.offersMaxQuantity);
    }
    ObjectNode partner = rules.addObject();
    partner.put("Type", "PartnerTargetingRule");
    partner.put("Id", termId(ra, "PartnerTargetingRule"));
    partner.put("ResellerAccountId", ra.resellerAccountId());
    partner.put("ResellerLegalName", accountName(ra.resellerAccountId()));
    return d;
  }

  String accountName(String accountId) {
    return accounts.find(accountId).map(Account::name).orElse(null);
  }

  private static void addIfPresent(ArrayNode terms, JsonNode term) {
    if (term != null) {
      terms.add(term);
    }
  }

  private static ObjectNode scheduleWithInstants(JsonNode term) {
    ObjectNode copy = term.deepCopy();
    for (JsonNode payment : copy.withArray("Schedule")) {
      dateToInstant((ObjectNode) payment, "ChargeDate", false);
    }
    return copy;
  }

  private static void dateToInstant(ObjectNode node, String field, boolean endOfDay) {
    if (node.hasNonNull(field) && node.get(field).asText().length() == 10) {
      LocalDate date = LocalDate.parse(node.get(field).asText());
      node.put(field, endOfDay ? endOfDay(date) : startOfDay(date));
    }
  }

  private static ObjectNode withId(ResaleAuthorization ra, JsonNode term) {
    ObjectNode copy = term.deepCopy();
    copy.put("Id", termId(ra, term.path("Type").asText()));
    return copy;
  }

  /** Stable term IDs in AWS's shape: {@code term-} and 64 hex digits. */
  private static String termId(ResaleAuthorization ra, String type) {
    return "term-" + SigV4.hex(SigV4.sha256((ra.id() + "/" + type).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
