package org.offerdesk.bench;

import java.util.List;
import org.offerdesk.bench.scenarios.DashboardScenario;
import org.offerdesk.bench.scenarios.EventIngestionScenario;
import org.offerdesk.bench.scenarios.OffersListScenario;
import org.offerdesk.bench.scenarios.PublishScenario;
import org.offerdesk.bench.scenarios.ReconciliationScenario;
import org.offerdesk.bench.scenarios.SandboxScenario;
import org.offerdesk.bench.scenarios.SandboxStartScenario;
import org.offerdesk.bench.scenarios.StartScenario;

/** Every scenario of the suite, in the order a run measures them. Add a new one here. */
public final class Scenarios {

  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(new SandboxScenario(), new SandboxStartScenario(), new OffersListScenario(), new PublishScenario(),
        new EventIngestionScenario(),
        new ReconciliationScenario(), new DashboardScenario(), new StartScenario());
  }
}
