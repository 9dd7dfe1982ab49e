package org.offerdesk.app;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each capability is a module: others may use only its root package (its public surface), never its
 * {@code internal} package, and modules form no cycles.
 */
class ModuleStructureTest {

  static final ApplicationModules modules = ApplicationModules.of(OfferDeskApplication.class);

  @Test
  void capabilities_reach_each_other_only_through_their_public_surface() {
    modules.verify();
  }

  @Test
  void writes_the_module_map() {
    new Documenter(modules).writeModuleCanvases().writeModulesAsPlantUml();
  }
}
