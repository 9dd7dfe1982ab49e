package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.marketplace.AgreementTerm;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;
import software.amazon.awssdk.services.marketplaceagreement.model.Filter;
import software.amazon.awssdk.services.marketplaceagreement.model.GetAgreementTermsResponse;
import software.amazon.awssdk.services.marketplaceagreement.model.SearchAgreementsResponse;

/** {@link MarketplaceAgreements} through the SDK's Marketplace Agreement client. */
@Component
record SdkAgreements(SdkClients clients) implements MarketplaceAgreements {

  @Override
  public Agreement agreement(UUID organizationId, String agreementId) {
    DescribeAgreementResponse a = translated(() -> clients.agreements(organizationId)
        .describeAgreement(r -> r.agreementId(agreementId)));
    var proposal = a.proposalSummary();
    var charges = a.estimatedCharges();
    return new Agreement(a.agreementId(), a.statusAsString(),
        a.proposer() == null ? null : a.proposer().accountId(),
        a.acceptor() == null ? null : a.acceptor().accountId(),
        proposal == null ? null : proposal.offerId(),
        proposal == null || proposal.resources().isEmpty() ? null : proposal.resources().get(0).id(),
        charges == null ? null : charges.agreementValue(), charges == null ? null : charges.currencyCode(),
        a.acceptanceTime(), a.startTime(), a.endTime());
  }

  @Override
  public List<AgreementTerm> acceptedTerms(UUID organizationId, String agreementId) {
    List<AgreementTerm> terms = new ArrayList<>();
    ResultPage.forEach(token -> {
      GetAgreementTermsResponse page = translated(() -> clients.agreements(organizationId)
          .getAgreementTerms(r -> r.agreementId(agreementId).nextToken(token)));
      return new ResultPage<>(page.acceptedTerms(), page.nextToken());
    }, t -> terms.addAll(SdkAgreementTerms.of(t)));
    return terms;
  }

  @Override
  public ResultPage<AgreementSummary> search(UUID organizationId, AgreementQuery query, String nextToken) {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("PartyType", "Proposer"));
    filters.add(filter("AgreementType", "PurchaseAgreement"));
    if (query.acceptorAccountId() != null) {
      filters.add(filter("AcceptorAccountId", query.acceptorAccountId()));
    }
    if (query.productId() != null) {
      filters.add(filter("ResourceId", query.productId()));
    }
    if (query.offerId() != null) {
      filters.add(filter("OfferId", query.offerId()));
    }
    if (query.status() != null) {
      filters.add(filter("Status", query.status()));
    }
    SearchAgreementsResponse page = translated(() -> clients.agreements(organizationId)
        .searchAgreements(r -> r.catalog(SdkCatalog.CATALOG).filters(filters).nextToken(nextToken)));
    return new ResultPage<>(page.agreementViewSummaries().stream().map(a -> new AgreementSummary(a.agreementId(),
        a.statusAsString(), a.proposalSummary() == null ? null : a.proposalSummary().offerId(),
        a.acceptor() == null ? null : a.acceptor().accountId())).toList(), page.nextToken());
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}
