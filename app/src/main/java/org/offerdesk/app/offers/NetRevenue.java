package org.offerdesk.app.offers;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;

/**
 * What the seller keeps of each agreement so far: its invoices less listing fees and refunds (for a reseller,
 * also less the wholesale cost), as the ledger has it. The finance capability provides it; the offers and
 * orders tables show it as their net revenue column.
 */
public interface NetRevenue {

  /** The net revenue of those of these agreements the ledger has invoices of, by agreement ID. */
  Map<String, Money> byAgreement(UUID organizationId, Collection<String> agreementIds);

  /**
   * For a table's rows: each row's net revenue as the pages write money, by the row's key; rows without an
   * agreement or without invoices are absent.
   */
  default <T, K> Map<K, String> shown(UUID organizationId, Collection<T> rows, Function<T, K> key,
      Function<T, String> agreementId) {
    Map<String, Money> net = byAgreement(organizationId, rows.stream().map(agreementId)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
    return rows.stream().filter(r -> agreementId.apply(r) != null && net.containsKey(agreementId.apply(r)))
        .collect(Collectors.toMap(key, r -> MoneyFormat.display(net.get(agreementId.apply(r))), (a, b) -> a));
  }
}
