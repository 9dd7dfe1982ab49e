package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.money.Money;

/**
 * The agreement an amendment replaces, as it stood when the amendment was drafted: its product, its end
 * date and the installments already due (invoiced) under it. The marketplaces give no guardrails for
 * amendments; OfferDesk checks a draft against this and warns.
 */
record AmendmentBaseline(String agreementId, String productId, LocalDate endDate,
    List<OfferTerms.Installment> invoiced, List<OfferTerms.Installment> remaining) {

  AmendmentBaseline {
    invoiced = invoiced == null ? List.of() : List.copyOf(invoiced);
    remaining = remaining == null ? List.of() : List.copyOf(remaining);
  }

  /** What a person should reconsider before publishing the amendment. */
  List<String> warnings(OfferTerms draft) {
    List<String> warnings = new ArrayList<>();
    if (productId != null && !productId.equals(draft.productId())) {
      warnings.add("The amendment is for product " + draft.productId() + " but the agreement is for " + productId
          + ": a different product needs a new private offer, not an amendment.");
    }
    LocalDate draftEnd = draft.serviceEndDate() != null ? draft.serviceEndDate()
        : draft.durationMonths() != null && draft.expiresOn() != null ? draft.expiresOn().plusMonths(draft.durationMonths())
        : null;
    if (endDate != null && draftEnd != null && draftEnd.isBefore(endDate)) {
      warnings.add("The new end date " + draftEnd + " is before the current agreement's end date " + endDate
          + ": the buyer loses time they have paid for.");
    }
    for (OfferTerms.Installment paid : invoiced) {
      for (OfferTerms.Installment next : draft.paymentSchedule()) {
        if (next.amount() != null && paid.amount() != null && next.amount().compareTo(paid.amount()) == 0
            && next.dueOn() != null && !next.dueOn().isAfter(paid.dueOn().plusMonths(1))) {
          warnings.add("The installment of " + next.amount().toPlainString() + " due " + next.dueOn()
              + " looks like the one already invoiced on " + paid.dueOn() + ": the buyer may be billed twice.");
        }
      }
    }
    BigDecimal invoicedTotal = invoiced.stream().map(OfferTerms.Installment::amount).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    if (invoicedTotal.signum() > 0 && draft.hasSchedule() && draft.currency() != null) {
      Money total = draft.contractTotal();
      BigDecimal scheduled = draft.paymentSchedule().stream().map(OfferTerms.Installment::amount)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      if (scheduled.compareTo(total.amount()) == 0 && invoiced.stream().anyMatch(i -> !i.dueOn().isAfter(
          draft.paymentSchedule().get(0).dueOn()) && draft.paymentSchedule().stream().anyMatch(n ->
          n.dueOn().equals(i.dueOn())))) {
        warnings.add("The new schedule repeats a charge date already invoiced under the agreement.");
      }
    }
    return warnings;
  }
}
