package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's own control API and page: accounts with their keys, new accounts, the console. */
class ControlApiTest {

  private static JsonNode accounts(String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SandboxFixture.server().endpoint() + "/sandbox/accounts")).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = SandboxFixture.raw(request.build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return new ObjectMapper().readTree(response.body()).get("items");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode account(JsonNode items, String id) {
    for (JsonNode a : items) {
      if (a.get("accountId").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("No account " + id + " in " + items);
  }

  @Test
  void secretKeysAreShownOnlyWithTheAdminToken() {
    JsonNode masked = account(accounts(null), "111122223333");
    assertThat(masked.get("accessKeyId").asText()).isEqualTo(SandboxFixture.SELLER_KEY);
    assertThat(masked.get("secretAccessKey").asText()).startsWith("****").doesNotContain("SECRET")
        .isNotEqualTo(SandboxFixture.SELLER_SECRET);
    assertThat(account(accounts("not-the-admin-token-at-all"), "111122223333").get("secretAccessKey").asText())
        .startsWith("****");
    var page = SandboxFixture.raw(HttpRequest.newBuilder(URI.create(SandboxFixture.server().endpoint() + "/sandbox/")).GET().build());
    assertThat(page.body()).contains(SandboxFixture.SELLER_KEY).doesNotContain(SandboxFixture.SELLER_SECRET);
  }

  @Test
  void listsTheSeededAccountsWithTheirKeys() {
    JsonNode items = accounts(SandboxFixture.server().adminToken());
    assertThat(items.findValuesAsText("accountId")).contains("111122223333", "444455556666", "777788889999", "210987654321");
    JsonNode seller = null;
    for (JsonNode a : items) {
      if (a.get("accountId").asText().equals("111122223333")) {
        seller = a;
      }
    }
    assertThat(seller).isNotNull();
    assertThat(seller.get("name").asText()).isEqualTo("Demo ISV");
    assertThat(seller.get("kind").asText()).isEqualTo("SELLER");
    assertThat(seller.get("accessKeyId").asText()).isEqualTo(SandboxFixture.SELLER_KEY);
    assertThat(seller.get("secretAccessKey").asText()).isEqualTo(SandboxFixture.SELLER_SECRET);
  }

  @Test
  void opensAccountsAndRefusesBadOnes() {
    SandboxFixture.NewAccount buyer = SandboxFixture.openAccount("Initech", "BUYER");
    assertThat(buyer.accountId()).matches("\\d{12}");
    assertThat(buyer.accessKeyId()).isNull();
    SandboxFixture.send("POST", "/sandbox/accounts", Map.of("name", "Dup", "kind", "SELLER", "accountId", "111122223333"), 400);
    SandboxFixture.send("POST", "/sandbox/accounts", Map.of("name", "Short", "kind", "SELLER", "accountId", "123"), 400);
    SandboxFixture.send("POST", "/sandbox/accounts", Map.of("name", "No kind"), 400);
  }

  @Test
  void theConsoleShowsAccountsProductsAndChangeSets() {
    var page = SandboxFixture.raw(HttpRequest.newBuilder(URI.create(SandboxFixture.server().endpoint() + "/sandbox/")).GET().build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Demo ISV", "prod-sbxlimited001", "OfferDesk Demo Platform", "Change sets");
  }
}
