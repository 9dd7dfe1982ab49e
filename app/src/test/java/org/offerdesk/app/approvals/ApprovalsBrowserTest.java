package org.offerdesk.app.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The approval flow in Chromium: an admin sets a rule, a rep's publish is refused and the rep submits the
 * offer, the admin approves it on the Approvals page, and the rep publishes it to the sandbox.
 */
@SandboxTest
class ApprovalsBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void admin_sets_a_rule_rep_submits_admin_approves_rep_publishes() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser Approvals Co");
    String sales = new TestTenants(context).user(seller.tenant, Role.SALES);
    String id = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Globex enterprise", "buyerAccountIds", List.of("777788889999"), "currency", "USD",
        "durationMonths", 12, "expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1000, "unitPrice", "120.00")),
        "eula", Map.of("type", "STANDARD"))).json().at("/id").asText();

    try (Browser admin = new Browser(port); Browser rep = new Browser(port)) {
      admin.signInTo("/settings/approval-rules", seller.tenant.adminEmail(), TestTenants.PASSWORD);
      new Select(admin.find("#rule-0-kind")).selectByValue("CONTRACT_VALUE_OVER");
      admin.type("#rule-0-threshold", "100000");
      new Select(admin.find("#rule-0-approverRole")).selectByValue("ADMIN");
      admin.click("[data-testid=save]");
      assertThat(admin.text(".alert-success")).contains("Saved 1 rule");

      rep.signInTo("/offers/" + id, sales, TestTenants.PASSWORD);
      assertThat(rep.text("[data-testid=approval-status]")).isEqualTo("NEEDS APPROVAL");
      assertThat(rep.text("[data-testid=approval]")).contains("contract value 120,000.00 USD is over 100000");
      rep.click("[data-testid=publish]");
      assertThat(rep.text(".alert-danger")).contains("CONTRACT_VALUE_OVER");
      rep.click("[data-testid=submit-for-approval]");
      assertThat(rep.text(".alert-success")).contains("Submitted for approval");
      assertThat(rep.text("[data-testid=approval-status]")).isEqualTo("PENDING");

      assertThat(rep.has("[data-testid=approval-decision]")).isFalse(); // a rep does not decide
      admin.open("/offers/" + id);
      assertThat(admin.has("[data-testid=approval-decision]")).isTrue(); // the approver may, here or on Approvals
      admin.open("/approval-requests");
      admin.click("[data-testid=approval-requests] a");
      assertThat(admin.text("[data-testid=facts]")).contains("120,000.00 USD");
      assertThat(admin.text("[data-testid=rules]")).contains("CONTRACT_VALUE_OVER");
      admin.type("#comment", "Biggest deal of the quarter: go");
      admin.clickToLoad("[data-testid=approve]");
      assertThat(admin.text("[data-testid=request-status]")).isEqualTo("APPROVED");

      rep.open("/offers/" + id);
      assertThat(rep.text("[data-testid=approval-status]")).isEqualTo("APPROVED");
      rep.click("[data-testid=publish]");
      assertThat(rep.text(".alert-success")).contains("Publishing");
    }
    assertThat(seller.awaitStage(id, "SENT", Duration.ofSeconds(20)).at("/timeline").toString())
        .contains("Biggest deal of the quarter: go");
  }
}
