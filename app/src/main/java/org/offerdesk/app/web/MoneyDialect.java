package org.offerdesk.app.web;

import java.util.Set;
import org.offerdesk.app.money.MoneyFormat;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives every page template {@code #money}, the one {@link MoneyFormat}, so no page formats an amount
 * its own way ({@code #numbers}, string concatenation): {@code ${#money.display(order.totalContractValue())}}.
 */
@Component
public class MoneyDialect extends AbstractDialect implements IExpressionObjectDialect {

  private static final String NAME = "money";

  public MoneyDialect() {
    super("OfferDesk money");
  }

  @Override
  public IExpressionObjectFactory getExpressionObjectFactory() {
    return new IExpressionObjectFactory() {
      @Override
      public Set<String> getAllExpressionObjectNames() {
        return Set.of(NAME);
      }

      @Override
      public Object buildObject(IExpressionContext context, String expressionObjectName) {
        return NAME.equals(expressionObjectName) ? MoneyFormat.INSTANCE : null;
      }

      @Override
      public boolean isCacheable(String expressionObjectName) {
        return true;
      }
    };
  }
}
