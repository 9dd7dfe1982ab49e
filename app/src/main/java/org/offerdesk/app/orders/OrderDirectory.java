package org.offerdesk.app.orders;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.Money;

/**
 * Which orders exist, for modules that attach something to an order by its agreement (finance links
 * billing events and payouts to orders this way), and the payment schedules orders still have to run.
 */
public interface OrderDirectory {

  Optional<OrderRef> byAgreement(UUID organizationId, String agreementId);

  /** The IDs of the orders of those of {@code agreementIds} that have one, by agreement: one query for all. */
  Map<String, UUID> orderIdsByAgreement(UUID organizationId, Collection<String> agreementIds);

  Optional<OrderRef> byId(UUID organizationId, UUID orderId);

  /** Every installment of the organization's open orders dated on or after {@code from}, by date. */
  List<ScheduledCharge> scheduledCharges(UUID organizationId, LocalDate from);

  /** An order as others refer to it; {@code totalContractValue} is null when the agreement named no currency. */
  record OrderRef(UUID id, String agreementId, OrderKind kind, Money totalContractValue) {}

  /** One installment of an order's payment schedule. */
  record ScheduledCharge(UUID orderId, String agreementId, LocalDate chargeDate, Money amount) {}
}
