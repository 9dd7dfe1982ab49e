package org.offerdesk.app.offers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a renewal offer is drafted from: the agreement that ends, as the order holds it. When OfferDesk has
 * the offer behind the agreement ({@code offerId}), its terms are the model; otherwise the accepted lines.
 *
 * @param agreementId the agreement the renewal renews
 * @param offerId OfferDesk's offer the agreement came from, or null (a public or outside order)
 * @param productId the product, renewed as it is
 * @param buyerAccountId the same buyer
 * @param currency the agreement's currency
 * @param lines each dimension with its quantity and price per unit for the term
 * @param startedOn the day the agreement started (to keep its length)
 * @param startsOn the first day after the agreement's end: the renewal starts then, without overlapping it
 */
public record RenewalBasis(String agreementId, UUID offerId, String productId, String buyerAccountId,
    String currency, List<Line> lines, LocalDate startedOn, LocalDate startsOn) {

  public RenewalBasis {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /** A dimension as accepted: its quantity and price per unit (null when the agreement does not say). */
  public record Line(String key, Long quantity, BigDecimal unitPrice) {}
}
