package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.marketplace.SharedAuthorization;

/**
 * The rules a reseller's partner offer must follow on top of every offer's (name, buyers, expiry): those of
 * the resale authorization it is built on, as the marketplace holds it now. Each broken rule names its field.
 */
final class PartnerOfferRules {

  static final int MAX_MARKUP_DECIMALS = 9;

  private PartnerOfferRules() {}

  /** Whether an offer can be built on the authorization at all: it is shared, active, unexpired, not used up. */
  static List<FieldError> checkAuthorization(String resaleAuthorizationId, Optional<SharedAuthorization> found,
      LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    String field = "resaleAuthorizationId";
    if (resaleAuthorizationId == null || resaleAuthorizationId.isBlank()) {
      errors.add(new FieldError(field, "is required: the resale authorization the offer is built on"));
      return errors;
    }
    if (found.isEmpty()) {
      errors.add(new FieldError(field, "is not a resale authorization shared with your marketplace account"));
      return errors;
    }
    SharedAuthorization a = found.get();
    if (!a.active()) {
      errors.add(new FieldError(field, "was deactivated by the ISV (" + a.status() + "): no new offers can be made on it"));
    } else if (a.expiredOn(today)) {
      errors.add(new FieldError(field, "expired on " + a.availabilityEndDate() + ": no new offers can be made on it"));
    } else if (a.usesLeft().filter(left -> left == 0).isPresent()) {
      errors.add(new FieldError(field, a.offersMaxQuantity() == 1
          ? "is single use and an offer was already made on it"
          : "allows " + a.offersMaxQuantity() + " offers and all of them were made"));
    }
    return errors;
  }

  /** Everything wrong with a partner offer's terms and markup against its (usable) authorization. */
  static List<FieldError> check(OfferTerms t, BigDecimal markup, SharedAuthorization a, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    OfferRules.checkNaming(t, errors);
    OfferRules.checkBuyers(t, errors);
    List<String> buyers = t.buyerAccountIds();
    for (int i = 0; i < buyers.size(); i++) {
      String buyer = buyers.get(i);
      if (buyer != null && buyer.matches("^[0-9]{12}$") && !a.allowsBuyer(buyer)) {
        errors.add(new FieldError("buyerAccountIds[" + i + "]", "is not a buyer the resale authorization allows (it allows "
            + String.join(", ", a.buyerAccountIds()) + ")"));
      }
    }
    OfferRules.checkExpiry(t, today, errors);
    if (t.expiresOn() != null && a.availabilityEndDate() != null && t.expiresOn().isAfter(a.availabilityEndDate())) {
      errors.add(new FieldError("expiresOn", "must be on or before " + a.availabilityEndDate()
          + ", when the resale authorization ends"));
    }
    if (markup == null) {
      errors.add(new FieldError("markupPercent", "is required (0 sells at the ISV's wholesale price)"));
    } else if (markup.signum() < 0) {
      errors.add(new FieldError("markupPercent", "must not be negative: a partner offer cannot sell below the "
          + "ISV's wholesale price"));
    } else if (Math.max(markup.stripTrailingZeros().scale(), 0) > MAX_MARKUP_DECIMALS) {
      errors.add(new FieldError("markupPercent", "must have at most " + MAX_MARKUP_DECIMALS + " decimals"));
    } else if (markup.compareTo(BigDecimal.valueOf(1000)) > 0) {
      errors.add(new FieldError("markupPercent", "must be at most 1000 (percent)"));
    }
    if (a.prices().isEmpty()) {
      errors.add(new FieldError("resaleAuthorizationId", "states no wholesale price to mark up"));
    }
    return errors;
  }
}
