package org.offerdesk.app.offers.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;

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
          warnings.add("The installment of " + MoneyFormat.display(next.amount(), draft.currency()) + " due " + next.dueOn()
              + " looks like the one already invoiced on " + paid.dueOn() + ": the buyer may be billed twice.");
        }
      }
    }
    Optional<Currency> currency = draft.currencyUnit();
    boolean invoicedSome = currency.isPresent() && invoiced.stream().map(i -> i.amount(currency.get()))
        .anyMatch(Money::isPositive);
    if (invoicedSome && draft.hasSchedule()) {
      Optional<Money> total = draft.contractTotal();
      if (total.isPresent() && total.equals(draft.scheduledTotal()) && invoiced.stream().anyMatch(i -> !i.dueOn()
          .isAfter(draft.paymentSchedule().get(0).dueOn()) && draft.paymentSchedule().stream().anyMatch(n ->
          n.dueOn().equals(i.dueOn())))) {
        warnings.add("The new schedule repeats a charge date already invoiced under the agreement.");
      }
    }
    return warnings;
  }
}
