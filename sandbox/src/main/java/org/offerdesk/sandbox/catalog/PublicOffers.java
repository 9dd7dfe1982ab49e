package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Each product's public offer as a catalog Offer: released, targeted at nobody, with the product's list
 * prices as its terms. It is not stored: it is read from the product, so it always carries today's list
 * prices. DescribeEntity answers it to its seller, and ListEntities lists it to a seller who asks for
 * untargeted offers ({@code Targeting} filter), which is how a seller finds its list prices.
 */
@Component
class PublicOffers {

  private final CatalogEntities entities;

  PublicOffers(CatalogEntities entities) {
    this.entities = entities;
  }

  /** The public offer with this ID, if it is one. */
  Optional<Offer> find(String offerId) {
    if (offerId == null || !offerId.startsWith("offer-")) {
      return Optional.empty();
    }
    return entities.find("prod-" + offerId.substring("offer-".length()), SaaSProduct.class).map(PublicOffers::of);
  }

  /** The public offers of every product the account owns. */
  List<Offer> of(String accountId) {
    return entities.visibleTo(accountId, EntityType.SAAS_PRODUCT, false).stream()
        .map(e -> of((SaaSProduct) e)).toList();
  }

  static Offer of(SaaSProduct product) {
    Offer offer = Offer.draft(product.publicOfferId(), product.ownerAccountId(), product.id());
    offer.state = OfferState.Released;
    offer.name = product.title() + " (public offer)";
    offer.revision = product.revision();
    offer.lastModified = product.lastModified();
    offer.releaseDate = product.lastModified();
    for (JsonNode term : product.publicOfferTerms()) {
      switch (term.path("Type").asText()) {
        case "LegalTerm" -> offer.legalTerm = term;
        case "ValidityTerm" -> offer.validityTerm = term;
        default -> offer.pricingTerms.add(term);
      }
    }
    return offer;
  }
}
