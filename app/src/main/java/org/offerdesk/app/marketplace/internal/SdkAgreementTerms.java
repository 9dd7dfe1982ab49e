package org.offerdesk.app.marketplace.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.marketplace.AgreementTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.GrantItem;
import software.amazon.awssdk.services.marketplaceagreement.model.RateCardItem;

/** Translates the SDK's accepted terms (a union of term kinds) into {@link AgreementTerm}s. */
final class SdkAgreementTerms {

  private SdkAgreementTerms() {}

  /** Each kind the term carries, in a fixed order (the SDK sets one; should it set more, none is lost). */
  static List<AgreementTerm> of(AcceptedTerm t) {
    List<AgreementTerm> out = new ArrayList<>();
    if (t.fixedUpfrontPricingTerm() != null) {
      var f = t.fixedUpfrontPricingTerm();
      out.add(new AgreementTerm.FixedUpfrontPricing(f.currencyCode(), decimal(f.price()), f.duration(),
          f.grants().stream().map(SdkAgreementTerms::grant).toList()));
    }
    if (t.configurableUpfrontPricingTerm() != null) {
      var c = t.configurableUpfrontPricingTerm();
      var configuration = c.configuration() == null ? null : new AgreementTerm.Configuration(
          c.configuration().selectorValue(), c.configuration().dimensions().stream()
          .map(d -> new AgreementTerm.Grant(d.dimensionKey(), d.dimensionValue())).toList());
      out.add(new AgreementTerm.ConfigurableUpfrontPricing(c.currencyCode(), configuration,
          rates(c.rateCards().stream().flatMap(card -> card.rateCard().stream()).toList())));
    }
    if (t.usageBasedPricingTerm() != null) {
      var u = t.usageBasedPricingTerm();
      out.add(new AgreementTerm.UsageBasedPricing(u.currencyCode(),
          rates(u.rateCards().stream().flatMap(card -> card.rateCard().stream()).toList())));
    }
    if (t.paymentScheduleTerm() != null) {
      var p = t.paymentScheduleTerm();
      out.add(new AgreementTerm.PaymentSchedule(p.currencyCode(), p.schedule().stream()
          .map(s -> new AgreementTerm.Installment(s.chargeDate(), decimal(s.chargeAmount()))).toList()));
    }
    if (t.validityTerm() != null) {
      var v = t.validityTerm();
      out.add(new AgreementTerm.Validity(v.agreementDuration(), v.agreementStartDate(), v.agreementEndDate()));
    }
    if (t.legalTerm() != null) {
      out.add(new AgreementTerm.Legal(t.legalTerm().documents().stream()
          .map(d -> new AgreementTerm.Document(d.type(), d.url())).toList()));
    }
    if (t.supportTerm() != null) {
      out.add(new AgreementTerm.Support(t.supportTerm().refundPolicy()));
    }
    if (t.renewalTerm() != null) {
      var r = t.renewalTerm();
      out.add(new AgreementTerm.Renewal(r.configuration() == null ? null : r.configuration().enableAutoRenew()));
    }
    return out;
  }

  private static AgreementTerm.Grant grant(GrantItem g) {
    return new AgreementTerm.Grant(g.dimensionKey(), g.maxQuantity());
  }

  private static List<AgreementTerm.Rate> rates(List<RateCardItem> items) {
    return items.stream().map(r -> new AgreementTerm.Rate(r.dimensionKey(), decimal(r.price()))).toList();
  }

  private static BigDecimal decimal(String amount) {
    return amount == null ? null : new BigDecimal(amount);
  }
}
