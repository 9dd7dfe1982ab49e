package org.offerdesk.app.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;

/**
 * The components that keep security time take a {@link SecurityClock}, and none of them so much as
 * mentions the business {@link Clock}, which the demo's sandbox can move: token expiry and last use,
 * sign-in lockouts, audit timestamps, webhook signature timestamps, idempotency keys.
 */
class SecurityTimeTypesTest {

  static final JavaClasses app = MainClasses.APP;

  @Test
  void security_components_cannot_be_handed_the_business_clock() {
    noClasses().that().haveFullyQualifiedName("org.offerdesk.app.identity.internal.Tokens")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.ApiTokenAuthentication")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.CallerDirectory")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.SignInEvents")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.SessionRefresh")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.JdbcAuditLog")
        .or().haveFullyQualifiedName("org.offerdesk.app.identity.internal.SecurityConfiguration")
        .or().haveFullyQualifiedName("org.offerdesk.app.webhooks.internal.WebhookSender")
        .or().haveFullyQualifiedName("org.offerdesk.app.webhooks.internal.Signatures")
        .or().haveFullyQualifiedName("org.offerdesk.app.web.IdempotencyKeys")
        .should().dependOnClassesThat().areAssignableTo(Clock.class)
        .because("security time is the wall clock (SecurityClock); the business Clock follows the demo sandbox")
        .check(app);
  }
}
