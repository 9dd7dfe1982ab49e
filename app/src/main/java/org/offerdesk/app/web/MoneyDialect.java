package org.offerdesk.app.web;

import org.offerdesk.app.money.MoneyFormat;
import org.springframework.stereotype.Component;

/**
 * Gives every page template {@code #money}, the one {@link MoneyFormat}, so no page formats an amount
 * its own way ({@code #numbers}, string concatenation): {@code ${#money.display(order.totalContractValue())}}.
 */
@Component
public class MoneyDialect extends ExpressionObjectDialect {

  public MoneyDialect() {
    super("OfferDesk money", "money");
  }

  @Override
  Object build() {
    return MoneyFormat.INSTANCE;
  }
}
