package org.offerdesk.app.web;

import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * A dialect that gives page templates one expression object, {@code #name}, built once per template run (cacheable:
 * nothing it answers changes while a page renders).
 */
abstract class ExpressionObjectDialect extends AbstractDialect implements IExpressionObjectDialect {

  private final String name;

  ExpressionObjectDialect(String dialectName, String name) {
    super(dialectName);
    this.name = name;
  }

  /** The object templates see as {@code #name}. */
  abstract Object build();

  @Override
  public final IExpressionObjectFactory getExpressionObjectFactory() {
    return new IExpressionObjectFactory() {
      @Override
      public Set<String> getAllExpressionObjectNames() {
        return Set.of(name);
      }

      @Override
      public Object buildObject(IExpressionContext context, String expressionObjectName) {
        return name.equals(expressionObjectName) ? build() : null;
      }

      @Override
      public boolean isCacheable(String expressionObjectName) {
        return true;
      }
    };
  }
}
