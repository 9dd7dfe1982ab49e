package org.offerdesk.sandbox.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.AgreementEvent;
import org.offerdesk.sandbox.agreements.AgreementStatus;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.CatalogEntities;
import org.offerdesk.sandbox.catalog.Offer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Invoices buyers as AWS does: a contract's upfront charge at acceptance, each payment-schedule installment
 * on its charge date (one dated on or before acceptance at acceptance), and (through {@link MonthlyBill})
 * usage and public subscriptions on the monthly bill. A replacement agreement is invoiced only for what it
 * adds to the agreement it replaces; an agreement cancelled or replaced is invoiced no more.
 *
 * <p>Each invoice is written with its billing events in the feeds of the parties: the seller's price and
 * listing fee on a direct sale; on a channel deal the buyer's price and the wholesale price in the
 * reseller's feed, and the wholesale price and the listing fee in the manufacturer's.
 */
@Component
class Invoicing {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Agreements agreements;
  private final CatalogEntities entities;
  private final Invoices invoices;
  private final BillingEvents events;
  private final ListingFees fees;
  private final BillingSettings settings;
  private final DueWork work;
  private final Collections collections;

  Invoicing(Agreements agreements, CatalogEntities entities, Invoices invoices, BillingEvents events, ListingFees fees,
      BillingSettings settings, DueWork work, Collections collections) {
    this.agreements = agreements;
    this.entities = entities;
    this.invoices = invoices;
    this.events = events;
    this.fees = fees;
    this.settings = settings;
    this.work = work;
    this.collections = collections;
  }

  /** An installment of an agreement's payment schedule. */
  record Installment(Instant chargeDate, BigDecimal amount) {}

  /** Runs in the acceptance's transaction, so an agreement and its first invoice exist together. */
  @EventListener
  void on(AgreementEvent event) {
    if (event instanceof AgreementEvent.Accepted accepted && accepted.agreement().privateOffer()) {
      accepted(accepted.agreement(), accepted.replaced());
    }
  }

  private void accepted(Agreement a, Agreement replaced) {
    Instant now = a.acceptanceTime();
    List<Installment> schedule = schedule(a);
    BigDecimal value = a.agreementValue() == null ? BigDecimal.ZERO : a.agreementValue();
    BigDecimal atAcceptance = value.subtract(schedule.stream().map(Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    for (Installment i : schedule) {
      if (!i.chargeDate().isAfter(now)) {
        atAcceptance = atAcceptance.add(i.amount());
      }
    }
    if (replaced != null) {
      // an amendment invoices only what the replacement adds to what the buyer was invoiced already
      BigDecimal already = invoices.invoicedToBuyer(replaced.agreementId());
      BigDecimal factor = priceFactor(a);
      atAcceptance = atAcceptance.subtract(already.divide(factor, 2, RoundingMode.HALF_UP)).max(BigDecimal.ZERO);
    }
    if (atAcceptance.signum() > 0) {
      issue(a, "UPFRONT", "upfront/" + a.agreementId(), atAcceptance, now, null, null);
    }
    for (int n = 0; n < schedule.size(); n++) {
      Installment i = schedule.get(n);
      if (i.chargeDate().isAfter(now)) {
        work.schedule("installment/" + a.agreementId() + "/" + (n + 1), DueWork.Kind.INSTALLMENT, i.chargeDate(),
            a.agreementId() + "/" + (n + 1));
      }
    }
  }

  /** Invoices installment {@code subject} ({@code <agreement>/<n>}) on its charge date. */
  void installment(String subject, Instant at) {
    String agreementId = subject.substring(0, subject.lastIndexOf('/'));
    int n = Integer.parseInt(subject.substring(subject.lastIndexOf('/') + 1));
    agreements.find(agreementId).filter(a -> invoiceable(a, at)).ifPresent(a ->
        issue(a, "INSTALLMENT", "installment/" + subject, schedule(a).get(n - 1).amount(), at, null, null));
  }

  /** Cancelled, terminated and replaced agreements are invoiced no more; one that expired later still is. */
  static boolean invoiceable(Agreement a, Instant at) {
    return a.isActive() || (a.status() == AgreementStatus.EXPIRED && a.endTime() != null && a.endTime().isAfter(at));
  }

  static List<Installment> schedule(Agreement a) {
    List<Installment> schedule = new ArrayList<>();
    for (JsonNode term : a.acceptedTerms()) {
      for (JsonNode item : term.path("paymentScheduleTerm").path("schedule")) {
        schedule.add(new Installment(Instant.ofEpochSecond(item.path("chargeDate").asLong()),
            new BigDecimal(item.path("chargeAmount").asText("0"))));
      }
    }
    return schedule;
  }

  /** What the buyer pays per unit of the manufacturer's price: 1, or 1 + the reseller's markup. */
  BigDecimal priceFactor(Agreement a) {
    if (!a.hasReseller()) {
      return BigDecimal.ONE;
    }
    BigDecimal markup = entities.find(a.offerId(), Offer.class).map(Offer::markupPercentage).orElse(null);
    return markup == null ? BigDecimal.ONE : BigDecimal.ONE.add(markup.divide(HUNDRED));
  }

  /**
   * Issues the buyer's invoice for a charge of {@code listAmount} (the manufacturer's price; the buyer pays
   * it with the reseller's markup on a channel deal), once per {@code chargeKey}, with its billing events,
   * and has it collected as the buyer's payment terms say.
   */
  void issue(Agreement a, String kind, String chargeKey, BigDecimal listAmount, Instant at, Instant periodStart,
      Instant periodEnd) {
    String buyer = a.acceptorAccountId();
    String seller = a.proposerAccountId();
    String currency = a.currencyCode() == null ? "USD" : a.currencyCode();
    PaymentTerms terms = settings.paymentTerms(buyer);
    Instant due = at.plus(Duration.ofDays(terms.netDays()));
    BigDecimal wholesale = listAmount.setScale(2, RoundingMode.HALF_UP);
    BigDecimal price = wholesale.multiply(priceFactor(a)).setScale(2, RoundingMode.HALF_UP);
    Invoice purchase = new Invoice(invoices.nextNumber(), a.agreementId(), "INVOICE", "PURCHASE", kind, buyer, seller, price,
        currency, at, due, null, periodStart, periodEnd, null, chargeKey);
    if (!invoices.insert(purchase)) {
      return;
    }
    BigDecimal fee = wholesale.multiply(fees.rate(a, a.agreementValue() == null ? wholesale : a.agreementValue()))
        .setScale(2, RoundingMode.HALF_UP);
    write(new BillingEvent(seller, at, "INVOICED", "SELLER_REV_SHARE", price, currency).between(buyer, seller)
        .variant("PURCHASE", null, null), purchase, a, due);
    if (!a.hasReseller()) {
      write(new BillingEvent(seller, at, "INVOICED", "AWS_REV_SHARE", fee.negate(), currency)
          .between(seller, FeedAccounts.AWS).variant("PURCHASE", "LISTING_FEE", null), purchase, a, due);
    } else {
      // The reseller owes the manufacturer the wholesale price on an invoice of its own, settled from the
      // buyer's payment; the manufacturer's feed never shows the buyer's price.
      String maker = a.manufacturer();
      Invoice resale = new Invoice(invoices.nextNumber(), a.agreementId(), "INVOICE", "RESALE", kind, seller, maker,
          wholesale, currency, at, due, null, periodStart, periodEnd, purchase.invoiceId(), chargeKey);
      invoices.insert(resale);
      write(new BillingEvent(seller, at, "INVOICED", "SELLER_REV_SHARE", wholesale.negate(), currency).between(seller, maker)
          .variant("RESALE", "RESALE", "BUYING").buyerInvoice(purchase), resale, a, due);
      write(new BillingEvent(maker, at, "INVOICED", "SELLER_REV_SHARE", wholesale, currency).between(seller, maker)
          .variant("RESALE", "RESALE", "SELLING"), resale, a, due);
      write(new BillingEvent(maker, at, "INVOICED", "AWS_REV_SHARE", fee.negate(), currency).between(maker, FeedAccounts.AWS)
          .variant("RESALE", "LISTING_FEE", null), resale, a, due);
    }
    switch (terms.payment()) {
      case IMMEDIATELY -> collections.collect(purchase.invoiceId(), at);
      case ON_DUE_DATE -> work.schedule("collect/" + purchase.invoiceId(), DueWork.Kind.COLLECT, due, purchase.invoiceId());
      case LATE -> work.schedule("collect/" + purchase.invoiceId(), DueWork.Kind.COLLECT,
          due.plus(Duration.ofDays(terms.lateDays())), purchase.invoiceId());
      case MANUAL, NEVER -> {
        // the buyer pays by hand, or never: the invoice stays open and turns overdue
      }
    }
  }

  private void write(BillingEvent e, Invoice invoice, Agreement a, Instant due) {
    e.on(invoice, a.productId(), a.offerId(), a.acceptorAccountId());
    e.paymentDueDate = due;
    events.write(e);
  }
}
