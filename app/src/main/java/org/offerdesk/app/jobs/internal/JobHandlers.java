package org.offerdesk.app.jobs.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.jobs.JobHandler;
import org.springframework.stereotype.Component;

/** Every job handler the capabilities declare, by kind. */
@Component
class JobHandlers {

  private final Map<String, JobHandler> byKind;

  JobHandlers(List<JobHandler> handlers) {
    this.byKind = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
  }

  Map<String, JobHandler> byKind() {
    return byKind;
  }
}
