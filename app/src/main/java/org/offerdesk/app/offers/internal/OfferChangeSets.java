package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.marketplace.MarketplaceCatalog.Change;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSetRequest;

/**
 * Writes an offer as the marketplace's change sets: the whole private offer in one change set
 * (CreateOffer, information, targeting, pricing, validity, payment schedule, legal, support, renewal,
 * availability, release), and the smaller ones that edit or end a released offer.
 */
final class OfferChangeSets {

  static final String OFFER_TYPE = "Offer@1.0";
  static final String CREATE = "CreateOfferChange";
  static final String STANDARD_EULA_VERSION = "2022-07-14";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which offer field each change type carries, to put the marketplace's errors next to it. */
  static final Map<String, String> FIELD_OF_CHANGE = Map.ofEntries(
      Map.entry("CreateOffer", "productId"),
      Map.entry("CreateReplacementOffer", "sourceAgreementId"),
      Map.entry("UpdateInformation", "name"),
      Map.entry("UpdateTargeting", "buyerAccountIds"),
      Map.entry("UpdatePricingTerms", "dimensions"),
      Map.entry("UpdateValidityTerms", "durationMonths"),
      Map.entry("UpdatePaymentScheduleTerms", "paymentSchedule"),
      Map.entry("UpdateLegalTerms", "eula"),
      Map.entry("UpdateSupportTerms", "refundPolicy"),
      Map.entry("UpdateRenewalTerms", "autoRenew"),
      Map.entry("UpdateAvailability", "expiresOn"),
      Map.entry("ReleaseOffer", "offer"),
      Map.entry("CreateOfferUsingResaleAuthorization", "resaleAuthorizationId"),
      Map.entry("UpdateMarkup", "markupPercent"));

  private OfferChangeSets() {}

  /** The full change set that puts a new offer on the marketplace and releases it to its buyers. */
  static ChangeSetRequest publish(Offer offer, LocalDate today) {
    OfferTerms t = offer.terms();
    String ref = "$" + CREATE + ".Entity.Identifier";
    List<Change> changes = new ArrayList<>();
    if (offer.sourceAgreementId() != null) {
      ObjectNode create = F.objectNode().put("AgreementId", offer.sourceAgreementId()).put("Name", t.name());
      changes.add(change("CreateReplacementOffer", null, CREATE, create));
    } else {
      changes.add(change("CreateOffer", null, CREATE, F.objectNode().put("ProductId", t.productId())));
    }
    changes.add(change("UpdateInformation", ref, null, information(t)));
    if (offer.sourceAgreementId() == null) {
      ObjectNode targeting = F.objectNode();
      ArrayNode buyers = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
      t.buyerAccountIds().forEach(buyers::add);
      changes.add(change("UpdateTargeting", ref, null, targeting));
    }
    changes.add(change("UpdatePricingTerms", ref, null, pricing(t)));
    changes.add(change("UpdateValidityTerms", ref, null, validity(t, offer.sourceAgreementId() != null)));
    if (t.pricingModel() == OfferTerms.PricingModel.CONTRACT) {
      changes.add(change("UpdatePaymentScheduleTerms", ref, null, schedule(t, today)));
    }
    changes.add(change("UpdateLegalTerms", ref, null, legal(t)));
    if (t.refundPolicy() != null && !t.refundPolicy().isBlank()) {
      ObjectNode support = F.objectNode();
      support.putArray("Terms").addObject().put("Type", "SupportTerm").put("RefundPolicy", t.refundPolicy());
      changes.add(change("UpdateSupportTerms", ref, null, support));
    }
    if (t.autoRenew()) {
      ObjectNode renewal = F.objectNode();
      renewal.putArray("Terms").addObject().put("Type", "RenewalTerm");
      changes.add(change("UpdateRenewalTerms", ref, null, renewal));
    }
    changes.add(change("UpdateAvailability", ref, null,
        F.objectNode().put("AvailabilityEndDate", t.expiresOn().toString())));
    changes.add(change("ReleaseOffer", ref, null, F.objectNode()));
    return new ChangeSetRequest(publishName(t), offer.clientRequestToken(), changes);
  }

  /** The change set's name as the marketplace takes it: its own characters, at most 100 of them. */
  static String publishName(OfferTerms t) {
    String name = "OfferDesk publish " + t.name();
    return name.replaceAll("[^\\w\\s+=.:@-]", " ").substring(0, Math.min(100, name.length()));
  }

  /** Edits a released offer where the marketplace allows it: its name and description, its expiry. */
  static ChangeSetRequest edit(Offer offer, OfferTerms before, String token) {
    OfferTerms t = offer.terms();
    List<Change> changes = new ArrayList<>();
    if (!java.util.Objects.equals(before.name(), t.name())
        || !java.util.Objects.equals(before.description(), t.description())) {
      changes.add(change("UpdateInformation", offer.marketplaceOfferId(), null, information(t)));
    }
    if (!java.util.Objects.equals(before.expiresOn(), t.expiresOn())) {
      changes.add(change("UpdateAvailability", offer.marketplaceOfferId(), null,
          F.objectNode().put("AvailabilityEndDate", t.expiresOn().toString())));
    }
    return new ChangeSetRequest("OfferDesk edit", token, changes);
  }

  /** Ends a released offer's availability: a date in the past expires it at once. */
  static ChangeSetRequest expire(Offer offer, LocalDate today, String token) {
    return new ChangeSetRequest("OfferDesk withdraw", token, List.of(change("UpdateAvailability",
        offer.marketplaceOfferId(), null, F.objectNode().put("AvailabilityEndDate", today.minusDays(1).toString()))));
  }

  static ObjectNode information(OfferTerms t) {
    String description = t.description() == null || t.description().isBlank()
        ? "Private offer: " + t.name() : t.description();
    return F.objectNode().put("Name", t.name()).put("Description", description.substring(0,
        Math.min(255, description.length())));
  }

  private static ObjectNode pricing(OfferTerms t) {
    ObjectNode pricing = F.objectNode();
    ArrayNode terms = pricing.putArray("Terms");
    if (t.pricingModel() == OfferTerms.PricingModel.USAGE) {
      pricing.put("PricingModel", "Usage");
      ObjectNode term = terms.addObject().put("Type", "UsageBasedPricingTerm").put("CurrencyCode", t.currency());
      ArrayNode card = term.putArray("RateCards").addObject().putArray("RateCard");
      t.dimensions().forEach(d -> card.addObject().put("DimensionKey", d.key())
          .put("Price", d.unitPrice().toPlainString()));
      return pricing;
    }
    // Quantities are fixed by the offer and paid by the schedule: AWS's flexible-payment contract form.
    pricing.put("PricingModel", "Contract");
    ObjectNode term = terms.addObject().put("Type", "FixedUpfrontPricingTerm").put("CurrencyCode", t.currency())
        .put("Price", "0.00").put("Duration", duration(t));
    ArrayNode grants = term.putArray("Grants");
    t.dimensions().forEach(d -> grants.addObject().put("DimensionKey", d.key()).put("MaxQuantity", d.quantity()));
    return pricing;
  }

  private static ObjectNode validity(OfferTerms t, boolean replacement) {
    ObjectNode validity = F.objectNode();
    ObjectNode term = validity.putArray("Terms").addObject().put("Type", "ValidityTerm");
    if (replacement) {
      // A replacement offer names only its end date; it starts when the buyer accepts it.
      LocalDate end = t.serviceEndDate() != null ? t.serviceEndDate() : t.expiresOn().plusMonths(t.durationMonths());
      term.put("AgreementEndDate", end.toString());
    } else if (t.durationMonths() != null) {
      term.put("AgreementDuration", "P" + t.durationMonths() + "M");
    } else if (t.serviceStartDate() != null) {
      term.put("AgreementStartDate", t.serviceStartDate().toString())
          .put("AgreementEndDate", t.serviceEndDate().toString());
    } else {
      // A replacement offer must name its end date: the duration counted from the offer's expiry.
      term.put("AgreementEndDate", t.expiresOn().plusMonths(t.durationMonths()).toString());
    }
    return validity;
  }

  /** The seller's installments, or one installment of the whole contract due at acceptance. */
  static List<OfferTerms.Installment> effectiveSchedule(OfferTerms t, LocalDate today) {
    if (t.hasSchedule()) {
      return t.paymentSchedule();
    }
    return List.of(new OfferTerms.Installment(today, t.contractTotal().orElseThrow().amount()));
  }

  private static ObjectNode schedule(OfferTerms t, LocalDate today) {
    ObjectNode node = F.objectNode();
    ObjectNode term = node.putArray("Terms").addObject().put("Type", "PaymentScheduleTerm")
        .put("CurrencyCode", t.currency());
    ArrayNode schedule = term.putArray("Schedule");
    for (OfferTerms.Installment i : effectiveSchedule(t, today)) {
      schedule.addObject().put("ChargeDate", i.dueOn().toString())
          .put("ChargeAmount", i.amount(t.currencyUnit().orElseThrow()).plain());
    }
    return node;
  }

  private static ObjectNode legal(OfferTerms t) {
    ObjectNode legal = F.objectNode();
    ObjectNode document = legal.putArray("Terms").addObject().put("Type", "LegalTerm").putArray("Documents").addObject();
    if (t.eula().type() == OfferTerms.EulaType.CUSTOM) {
      document.put("Type", "CustomEula").put("Url", t.eula().url());
    } else {
      document.put("Type", "StandardEula").put("Version", STANDARD_EULA_VERSION);
    }
    return legal;
  }

  static String duration(OfferTerms t) {
    if (t.durationMonths() != null) {
      return "P" + t.durationMonths() + "M";
    }
    return "P" + ChronoUnit.DAYS.between(t.serviceStartDate(), t.serviceEndDate()) + "D";
  }

  static Change change(String type, String identifier, String name, ObjectNode details) {
    return new Change(type, OFFER_TYPE, identifier, name, json(details));
  }

  private static String json(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
