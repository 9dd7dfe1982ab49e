package org.offerdesk.app.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approval rules through the API against the sandbox: a rule blocks publishing (409 naming it) until an
 * admin approves; an edit after approval needs it again; a rejection carries its comment; the approver is
 * told; a resale authorization waits for its own rule; another organization sees none of it.
 */
@SandboxTest
class ApprovalRulesTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;

  LocalDate today = LocalDate.now(ZoneOffset.UTC);
  ConnectedSeller seller;
  Http rep;
  String sales;

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Approvals Co");
    TestTenants tenants = new TestTenants(context);
    rep = new Http(port).bearer(tenants.token(seller.tenant, Role.SALES));
    sales = tenants.user(seller.tenant, Role.SALES);
  }

  /** A draft of 100 Seats (list price 120.00 for 12 months) at the unit price given. */
  Map<String, Object> offer(String unitPrice, Map<String, Object> eula) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "DIRECT");
    body.put("productId", seller.productId);
    body.put("name", "Acme at " + unitPrice);
    body.put("buyerAccountIds", List.of("777788889999"));
    body.put("currency", "USD");
    body.put("durationMonths", 12);
    body.put("expiresOn", today.plusDays(30).toString());
    body.put("dimensions", List.of(Map.of("key", "Seats", "quantity", 100, "unitPrice", unitPrice)));
    body.put("eula", eula);
    return body;
  }

  String draft(String unitPrice) {
    Http.Response created = rep.postJson("/api/v1/offers", offer(unitPrice, Map.of("type", "STANDARD")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().at("/id").asText();
  }

  void rules(Object... items) {
    Http.Response put = seller.api.putJson("/api/v1/approval-rules", Map.of("items", List.of(items)));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  String submit(String offerId) {
    Http.Response submitted = rep.postJson("/api/v1/offers/" + offerId + "/approval-requests", Map.of());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    assertThat(submitted.json().at("/status").asText()).isEqualTo("PENDING");
    return submitted.json().at("/id").asText();
  }

  @Test
  void a_rule_blocks_publishing_until_approved_and_an_edit_after_approval_needs_it_again() {
    rules(Map.of("kind", "CONTRACT_VALUE_OVER", "threshold", "10000", "approverRole", "ADMIN"),
        Map.of("kind", "DISCOUNT_OVER_PERCENT", "threshold", "20", "approverRole", "ADMIN"));
    String id = draft("90.00"); // 9,000.00 USD for 12,000.00 at list: 25% off, under the contract value rule

    Http.Response refused = rep.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().at("/detail").asText()).contains("DISCOUNT_OVER_PERCENT")
        .doesNotContain("CONTRACT_VALUE_OVER");
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("approval.DISCOUNT_OVER_PERCENT");
    assertThat(refused.json().at("/errors/0/message").asText()).contains("25.00%").contains("12,000.00 USD");

    String request = submit(id);
    JsonNode pending = seller.api.get("/api/v1/approval-requests?status=PENDING").json();
    assertThat(pending.at("/items").findValuesAsText("id")).containsExactly(request);
    assertThat(pending.at("/items/0/subjectId").asText()).isEqualTo(id);
    assertThat(pending.at("/items/0/facts").toString()).contains("25.00% off the list price 12,000.00 USD");
    assertThat(dashboardCount("APPROVALS_WAITING")).isEqualTo(1);

    // The approver (the admin) is told, in the console and by email; a sales rep is not.
    assertThat(notices(seller.tenant.adminEmail())).containsExactly("\"Acme at 90.00\" needs your approval");
    assertThat(notices(sales)).isEmpty();
    assertThat(jdbc.sql("""
        SELECT count(*) FROM email_outbox WHERE organization_id = ? AND template = 'team-approval-requested'
        AND ? = ANY (recipients)""").params(seller.tenant.organizationId(), seller.tenant.adminEmail())
        .query(Long.class).single()).isEqualTo(1);

    assertThat(rep.postJson("/api/v1/approval-requests/" + request + "/approve", Map.of()).status())
        .isEqualTo(409); // a rep is no approver of an ADMIN rule
    JsonNode approved = seller.api.postJson("/api/v1/approval-requests/" + request + "/approve",
        Map.of("comment", "Strategic logo")).json();
    assertThat(approved.at("/status").asText()).isEqualTo("APPROVED");
    assertThat(seller.api.get("/api/v1/offers/" + id + "/approval").json().at("/needed").asBoolean()).isFalse();

    // A lower price after approval: the approval goes back and publishing is refused again.
    assertThat(rep.patchJson("/api/v1/offers/" + id, Map.of("dimensions",
        List.of(Map.of("key", "Seats", "quantity", 100, "unitPrice", "80.00")))).status()).isEqualTo(200);
    assertThat(seller.api.get("/api/v1/approval-requests/" + request).json().at("/status").asText())
        .isEqualTo("SUPERSEDED");
    JsonNode again = seller.api.get("/api/v1/offers/" + id + "/approval").json();
    assertThat(again.at("/needed").asBoolean()).isTrue();
    assertThat(again.at("/triggered/0/reason").asText()).contains("33.33%");
    assertThat(rep.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(409);

    String second = submit(id);
    seller.api.postJson("/api/v1/approval-requests/" + second + "/approve", Map.of());
    assertThat(rep.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(202);
    JsonNode sent = seller.awaitStage(id, "SENT");
    assertThat(sent.at("/timeline").findValuesAsText("cause")).containsSubsequence("submitted for approval",
        "approved", "edited", "approval needed again", "submitted for approval", "approved", "publish requested");
    assertThat(jdbc.sql("SELECT action FROM audit_event WHERE organization_id = ? AND action LIKE 'approval%'"
        + " ORDER BY occurred_at").param(seller.tenant.organizationId()).query(String.class).list())
        .containsExactly("approval-rules.changed", "approval.requested", "approval.approved", "approval.superseded",
            "approval.requested", "approval.approved");
  }

  @Test
  void a_rejection_carries_its_comment_and_publishing_stays_refused() {
    rules(Map.of("kind", "CUSTOM_EULA", "approverRole", "ADMIN"));
    Http.Response created = rep.postJson("/api/v1/offers", offer("120.00",
        Map.of("type", "CUSTOM", "url", "https://isv.example/eula.pdf")));
    String id = created.json().at("/id").asText();
    String request = submit(id);
    assertThat(rep.postJson("/api/v1/offers/" + id + "/approval-requests", Map.of()).status()).isEqualTo(409);

    Http.Response noComment = seller.api.postJson("/api/v1/approval-requests/" + request + "/reject", Map.of());
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.json().at("/errors/0/field").asText()).isEqualTo("comment");
    JsonNode rejected = seller.api.postJson("/api/v1/approval-requests/" + request + "/reject",
        Map.of("comment", "Use the standard contract")).json();
    assertThat(rejected.at("/status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.at("/comment").asText()).isEqualTo("Use the standard contract");

    Http.Response refused = rep.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/detail").asText()).contains("CUSTOM_EULA").contains("Use the standard contract");
    JsonNode offer = rep.get("/api/v1/offers/" + id).json();
    assertThat(offer.at("/timeline").toString()).contains("approval rejected").contains("Use the standard contract");
  }

  @Test
  void bad_rules_name_every_field_and_change_nothing() {
    rules(Map.of("kind", "INSTALLMENTS_OVER", "threshold", "4", "approverRole", "FINANCE"));
    Http.Response bad = seller.api.putJson("/api/v1/approval-rules", Map.of("items", List.of(
        Map.of("kind", "BIGGEST_DEAL", "threshold", "1", "approverRole", "ADMIN"),
        Map.of("kind", "CONTRACT_VALUE_OVER", "threshold", "-5", "approverRole", "ADMIN"),
        Map.of("kind", "DURATION_OVER_MONTHS", "threshold", "24"),
        Map.of("kind", "CUSTOM_EULA", "approvers", List.of("stranger@elsewhere.test")))));
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(bad.json().at("/errors").findValuesAsText("field")).containsExactly("items[0].kind",
        "items[1].threshold", "items[2].approverRole", "items[3].approvers[0]");
    JsonNode kept = seller.api.get("/api/v1/approval-rules").json();
    assertThat(kept.at("/items").size()).isEqualTo(1);
    assertThat(kept.at("/items/0/kind").asText()).isEqualTo("INSTALLMENTS_OVER");
    assertThat(kept.at("/items/0/threshold").asText()).isEqualTo("4");
    assertThat(rep.putJson("/api/v1/approval-rules", Map.of("items", List.of())).status()).isEqualTo(403);
  }

  @Test
  void a_resale_authorization_waits_for_its_rule_and_another_organization_sees_nothing() {
    rules(Map.of("kind", "RESALE_AUTHORIZATION", "approvers", List.of(seller.tenant.adminEmail())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("productId", seller.productId);
    body.put("resellerAccountId", seller.sandbox.reseller("Approved Reseller").accountId());
    body.put("name", "Wholesale for the channel");
    body.put("currency", "USD");
    body.put("pricing", Map.of("durationMonths", 12, "discountPercent", "25"));
    body.put("availability", Map.of("type", "UNLIMITED"));
    body.put("eula", Map.of("type", "STANDARD"));
    body.put("resellerContract", Map.of("type", "CUSTOM", "url", "https://isv.example/reseller-terms.pdf"));
    String ra = rep.postJson("/api/v1/resale-authorizations", body).json().at("/id").asText();

    Http.Response refused = rep.postJson("/api/v1/resale-authorizations/" + ra + "/publish", Map.of());
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().at("/detail").asText()).contains("RESALE_AUTHORIZATION");
    Http.Response submitted = rep.postJson("/api/v1/resale-authorizations/" + ra + "/approval-requests", Map.of());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String request = submitted.json().at("/id").asText();

    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Nosy Approvals Co");
    String offer = draft("120.00");
    assertThat(other.api.get("/api/v1/approval-requests/" + request).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/approval-requests/" + request + "/approve", Map.of()).status())
        .isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/approval-requests/" + request + "/reject", Map.of("comment", "no"))
        .status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/approval-requests").json().at("/items").size()).isZero();
    assertThat(other.api.postJson("/api/v1/offers/" + offer + "/approval-requests", Map.of()).status())
        .isEqualTo(404);
    assertThat(other.api.get("/api/v1/approval-rules").json().at("/items").size()).isZero();

    // The rule names the admin: the admin's own session approves (the API token has no email to match).
    Http admin = new Http(port);
    admin.signIn(seller.tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(admin.get("/partners/resale-authorizations/" + ra).body())
        .contains("Waiting for an approver before it can be published.");
    assertThat(seller.api.postJson("/api/v1/approval-requests/" + request + "/approve", Map.of()).status())
        .isEqualTo(409);
    assertThat(admin.postForm("/approval-requests/" + request + "/approve", Map.of("comment", "Fine"),
        admin.csrfFrom("/approval-requests/" + request)).status()).isEqualTo(302);
    assertThat(seller.api.get("/api/v1/approval-requests/" + request).json().at("/status").asText())
        .isEqualTo("APPROVED");
    assertThat(rep.postJson("/api/v1/resale-authorizations/" + ra + "/publish", Map.of()).status()).isEqualTo(202);
  }

  long dashboardCount(String kind) {
    for (JsonNode item : seller.api.get("/api/v1/dashboard").json().at("/attention/items")) {
      if (item.at("/kind").asText().equals(kind)) {
        return item.at("/count").asLong();
      }
    }
    throw new AssertionError("No " + kind + " on the dashboard");
  }

  /** The titles of a member's notifications. */
  List<String> notices(String email) {
    Http console = new Http(port);
    assertThat(console.signIn(email, TestTenants.PASSWORD).status()).isEqualTo(302);
    return console.get("/api/v1/notifications").json().at("/items").findValuesAsText("title");
  }
}
