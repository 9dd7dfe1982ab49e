package org.offerdesk.app.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal as Spring Boot's start failure report, without a stack trace in the way. */
class UnsafeProductionConfigurationAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionConfiguration> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfiguration cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set the missing settings and remove the demo-only ones, or start the demo instead (./run).", cause);
  }
}
