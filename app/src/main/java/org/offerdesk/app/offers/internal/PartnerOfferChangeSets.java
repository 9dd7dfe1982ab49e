package org.offerdesk.app.offers.internal;

import static org.offerdesk.app.offers.internal.OfferChangeSets.change;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.marketplace.MarketplaceCatalog.Change;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSetRequest;

/**
 * Writes a reseller's partner offer as the one change set that makes and releases it on the marketplace
 * (AWS's channel partner sample): CreateOfferUsingResaleAuthorization, which inherits the authorization's
 * pricing and legal terms, then the reseller's markup, buyers, availability, the authorization's duration, and
 * ReleaseOffer.
 */
final class PartnerOfferChangeSets {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PartnerOfferChangeSets() {}

  static ChangeSetRequest publish(Offer offer, PartnerTerms partner) {
    OfferTerms t = offer.terms();
    String ref = "$" + OfferChangeSets.CREATE + ".Entity.Identifier";
    List<Change> changes = new ArrayList<>();
    ObjectNode create = OfferChangeSets.information(t).put("ResaleAuthorizationId", partner.resaleAuthorizationId());
    changes.add(change("CreateOfferUsingResaleAuthorization", null, OfferChangeSets.CREATE, create));
    changes.add(change("UpdateMarkup", ref, null,
        F.objectNode().put("Percentage", PartnerTerms.plain(partner.markupPercent()).toPlainString())));
    ObjectNode targeting = F.objectNode();
    ArrayNode buyers = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
    t.buyerAccountIds().forEach(buyers::add);
    changes.add(change("UpdateTargeting", ref, null, targeting));
    changes.add(change("UpdateAvailability", ref, null,
        F.objectNode().put("AvailabilityEndDate", t.expiresOn().toString())));
    if (partner.duration() != null) {
      ObjectNode validity = F.objectNode();
      validity.putArray("Terms").addObject().put("Type", "ValidityTerm").put("AgreementDuration", partner.duration());
      changes.add(change("UpdateValidityTerms", ref, null, validity));
    }
    changes.add(change("ReleaseOffer", ref, null, F.objectNode()));
    return new ChangeSetRequest(OfferChangeSets.publishName(t), offer.clientRequestToken(), changes);
  }
}
