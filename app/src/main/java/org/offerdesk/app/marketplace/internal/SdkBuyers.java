package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceBuyers;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceentitlement.model.EntitlementValue;
import software.amazon.awssdk.services.marketplaceentitlement.model.GetEntitlementFilterName;
import software.amazon.awssdk.services.marketplaceentitlement.model.GetEntitlementsResponse;
import software.amazon.awssdk.services.marketplacemetering.model.ResolveCustomerResponse;

/** {@link MarketplaceBuyers} through the SDK's Marketplace Metering and Entitlement clients. */
@Component
record SdkBuyers(SdkClients clients) implements MarketplaceBuyers {

  @Override
  public Customer resolve(UUID organizationId, String registrationToken) {
    ResolveCustomerResponse r = translated(() -> clients.metering(organizationId)
        .resolveCustomer(q -> q.registrationToken(registrationToken)));
    return new Customer(r.customerIdentifier(), r.customerAWSAccountId(), r.productCode());
  }

  @Override
  public List<Entitlement> entitlements(UUID organizationId, String productCode, String buyerAccountId) {
    List<Entitlement> entitlements = new ArrayList<>();
    ResultPage.forEach(token -> {
      GetEntitlementsResponse page = translated(() -> clients.entitlements(organizationId)
          .getEntitlements(r -> r.productCode(productCode)
              .filter(Map.of(GetEntitlementFilterName.CUSTOMER_AWS_ACCOUNT_ID, List.of(buyerAccountId)))
              .nextToken(token)));
      return new ResultPage<>(page.entitlements(), page.nextToken());
    }, e -> entitlements.add(new Entitlement(e.dimension(), value(e.value()), e.expirationDate())));
    return entitlements;
  }

  private static String value(EntitlementValue v) {
    if (v == null) {
      return null;
    }
    if (v.integerValue() != null) {
      return String.valueOf(v.integerValue());
    }
    if (v.doubleValue() != null) {
      return String.valueOf(v.doubleValue());
    }
    if (v.booleanValue() != null) {
      return String.valueOf(v.booleanValue());
    }
    return v.stringValue();
  }
}
