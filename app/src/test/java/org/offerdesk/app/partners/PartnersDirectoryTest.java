package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The ISV's partners directory: resellers added by name and AWS account (a reseller connected on this
 * OfferDesk shows as using it), and an invitation by email whose link opens the reseller's own organization,
 * once.
 */
@SandboxTest
class PartnersDirectoryTest {

  static final Pattern LINK = Pattern.compile("/partner-invitations/([A-Za-z0-9_-]{20,})");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void an_isv_lists_its_resellers_and_an_invited_admin_opens_its_reseller_organization_once() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Directory ISV");
    ConnectedReseller connected = new ConnectedReseller(context, port, sandbox.endpoint(), "Already Here Reseller");

    Http.Response bad = isv.api.postJson("/api/v1/partners", Map.of("name", " ", "awsAccountId", "1234",
        "contactEmail", "not-an-email"));
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.json().at("/errors").findValuesAsText("field")).containsExactlyInAnyOrder("name",
        "awsAccountId", "contactEmail");
    assertThat(isv.api.get("/api/v1/partners").json().at("/items").size()).isZero();

    JsonNode here = isv.api.postJson("/api/v1/partners", Map.of("name", "Already Here Reseller",
        "awsAccountId", connected.account.accountId())).json();
    assertThat(here.at("/usesOfferDesk").asBoolean()).isTrue();
    Http.Response twice = isv.api.postJson("/api/v1/partners", Map.of("name", "Again",
        "awsAccountId", connected.account.accountId()));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().at("/errors/0/field").asText()).isEqualTo("awsAccountId");

    Http.Response added = isv.api.postJson("/api/v1/partners", Map.of("name", "Newcomer Channel",
        "awsAccountId", "777788889999", "contactName", "Nia Newcomer", "contactEmail", "nia@newcomer.test"));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String id = added.json().at("/id").asText();
    assertThat(added.json().at("/usesOfferDesk").asBoolean()).isFalse();
    assertThat(added.json().at("/invitation").asText()).isEqualTo("NOT_INVITED");
    JsonNode listed = isv.api.get("/api/v1/partners?q=newcomer").json().at("/items");
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.get(0).at("/contactEmail").asText()).isEqualTo("nia@newcomer.test");
    assertThat(isv.api.get("/api/v1/partners/export").body()).contains("Newcomer Channel,777788889999");

    // Another organization neither sees nor invites it.
    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Nosy Directory ISV");
    assertThat(other.api.get("/api/v1/partners/" + id).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/partners/" + id + "/invite", Map.of()).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/partners").json().at("/items").size()).isZero();

    Http.Response invited = isv.api.postJson("/api/v1/partners/" + id + "/invite", Map.of());
    assertThat(invited.status()).as(invited.body()).isEqualTo(202);
    assertThat(invited.json().at("/invitation").asText()).isEqualTo("INVITED");
    assertThat(invited.json().at("/invitedEmail").asText()).isEqualTo("nia@newcomer.test");
    String path = invitationPath(isv, "nia@newcomer.test");

    Http anonymous = new Http(port);
    Http.Response page = anonymous.get(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Directory ISV", "Newcomer Channel", "nia@newcomer.test");
    String csrf = anonymous.csrfFrom(path);
    Http.Response weak = anonymous.postForm(path, Map.of("organizationName", "Newcomer Channel",
        "adminEmail", "nia@newcomer.test", "adminName", "Nia", "password", "short"), csrf);
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.body()).contains("is-invalid");
    Http.Response taken = anonymous.postForm(path, Map.of("organizationName", "Newcomer Channel",
        "adminEmail", isv.tenant.adminEmail(), "adminName", "Nia", "password", "a long enough secret 42"), csrf);
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.body()).contains("already signs in");

    Http.Response opened = anonymous.postForm(path, Map.of("organizationName", "Newcomer Channel",
        "adminEmail", "nia@newcomer.test", "adminName", "Nia", "password", "a long enough secret 42"), csrf);
    assertThat(opened.status()).as(opened.body()).isEqualTo(302);
    assertThat(opened.header("Location")).endsWith("/signin?setup");
    assertThat(anonymous.get(path).status()).isEqualTo(404);

    Http nia = new Http(port);
    assertThat(nia.signIn("nia@newcomer.test", "a long enough secret 42").header("Location"))
        .doesNotContain("error");
    // A reseller's Partners page is its opportunities: the organization opened is a reseller's.
    assertThat(nia.get("/partners").header("Location")).endsWith("/partners/opportunities");
    assertThat(nia.get("/partners/opportunities").body()).contains("No resale authorizations yet");

    JsonNode joined = isv.api.get("/api/v1/partners/" + id).json();
    assertThat(joined.at("/invitation").asText()).isEqualTo("ACCEPTED");
    assertThat(joined.at("/usesOfferDesk").asBoolean()).isTrue();
    assertThat(isv.api.postJson("/api/v1/partners/" + id + "/invite", Map.of()).status()).isEqualTo(409);

    Http console = new Http(port);
    console.signIn(isv.tenant.adminEmail(), isv.tenant.adminPassword());
    String directory = console.get("/partners/directory").body();
    assertThat(directory).contains("Newcomer Channel", "777788889999", "Nia Newcomer", "ACCEPTED",
        "Already Here Reseller");
  }

  /** The invitation link of the email the ISV's outbox sent to {@code to}. */
  static String invitationPath(ConnectedSeller isv, String to) {
    String[] emailId = new String[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      for (JsonNode e : isv.api.get("/api/v1/outbox?limit=200").json().at("/items")) {
        if (e.at("/template").asText().equals("partner-invitation") && e.at("/to/0").asText().equals(to)) {
          emailId[0] = e.at("/id").asText();
        }
      }
      return emailId[0] != null;
    });
    JsonNode email = isv.api.get("/api/v1/outbox/" + emailId[0]).json();
    assertThat(email.at("/subject").asText()).isEqualTo("Directory ISV invites Newcomer Channel to OfferDesk");
    Matcher m = LINK.matcher(email.at("/text").asText());
    assertThat(m.find()).as(email.at("/text").asText()).isTrue();
    return m.group();
  }
}
