package org.offerdesk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;

/**
 * The AWS SDK stays inside the marketplace connector's {@code internal} package: every other module, and
 * the connector's public surface, speak OfferDesk types through the marketplace ports. Module boundaries
 * ({@link ModuleStructureTest}) cannot see this, since the SDK is a library, not a module. No exceptions.
 */
class MarketplaceSdkBoundaryTest {

  static final JavaClasses main = MainClasses.APP;

  @Test
  void no_aws_sdk_type_outside_the_marketplace_internals() {
    noClasses().that().resideOutsideOfPackage("org.offerdesk.app.marketplace.internal..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .because("modules get OfferDesk types from the marketplace ports, never SDK clients or models")
        .check(main);
  }
}
