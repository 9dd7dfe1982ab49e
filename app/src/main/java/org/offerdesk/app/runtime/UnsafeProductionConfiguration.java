package org.offerdesk.app.runtime;

import java.util.List;

/** Production mode was asked for with settings it refuses; the message lists every problem. */
public class UnsafeProductionConfiguration extends IllegalStateException {

  private final List<String> problems;

  public UnsafeProductionConfiguration(List<String> problems) {
    super(ProductionReadiness.refusal(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
