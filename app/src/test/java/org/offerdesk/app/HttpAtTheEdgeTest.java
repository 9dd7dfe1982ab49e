package org.offerdesk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.ProblemType;
import org.springframework.stereotype.Controller;

/**
 * HTTP stays at the edge: services throw {@code org.offerdesk.app.errors}'s exceptions and never name the
 * web layer's problem types, so the same service serves the API, the console pages, jobs and listeners.
 * Only the web plumbing and controllers (API and pages, with their nested types) may build problems.
 */
class HttpAtTheEdgeTest {

  static final JavaClasses app = MainClasses.APP;

  /** A controller, or a type declared inside one (its forms and views). */
  static final DescribedPredicate<JavaClass> controllers = DescribedPredicate.describe("controllers",
      c -> isController(c) || c.getEnclosingClass().map(HttpAtTheEdgeTest::isController).orElse(false));

  @Test
  void services_do_not_depend_on_the_web_layers_problems() {
    noClasses().that().resideOutsideOfPackage("org.offerdesk.app.web..")
        .and(DescribedPredicate.not(controllers))
        .should().dependOnClassesThat().belongToAnyOf(ApiProblem.class, ProblemType.class)
        .because("services throw NotFound, Conflict, InvalidInput or MarketplaceRefused "
            + "(org.offerdesk.app.errors); only the web layer turns them into problem+json or page errors")
        .check(app);
  }

  private static boolean isController(JavaClass c) {
    return c.isMetaAnnotatedWith(Controller.class);
  }
}
