package org.offerdesk.app.orders.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.orders.OrderDirectory;
import org.springframework.stereotype.Component;

/** {@link OrderDirectory} from the order store. */
@Component
record OrderDirectoryService(OrderStore orders) implements OrderDirectory {

  @Override
  public Optional<OrderRef> byAgreement(UUID organizationId, String agreementId) {
    return orders.byAgreement(organizationId, agreementId).map(OrderDirectoryService::ref);
  }

  @Override
  public Map<String, UUID> orderIdsByAgreement(UUID organizationId, Collection<String> agreementIds) {
    return orders.idsByAgreement(organizationId, agreementIds);
  }

  @Override
  public Optional<OrderRef> byId(UUID organizationId, UUID orderId) {
    return orders.find(organizationId, orderId).map(OrderDirectoryService::ref);
  }

  @Override
  public List<ScheduledCharge> scheduledCharges(UUID organizationId, LocalDate from) {
    List<ScheduledCharge> charges = new ArrayList<>();
    for (Order o : orders.withSchedules(organizationId)) {
      String code = o.terms().currency() != null ? o.terms().currency() : o.currency();
      if (code == null) {
        continue;
      }
      Currency unit = Currency.getInstance(code);
      o.terms().schedule().stream().filter(c -> c.chargeDate() != null && !c.chargeDate().isBefore(from))
          .forEach(c -> charges.add(new ScheduledCharge(o.id(), o.agreementId(), c.chargeDate(),
              Money.of(c.amount(), unit))));
    }
    charges.sort(Comparator.comparing(ScheduledCharge::chargeDate));
    return charges;
  }

  static OrderRef ref(Order o) {
    return new OrderRef(o.id(), o.agreementId(), o.kind(), o.totalContractValue());
  }
}
