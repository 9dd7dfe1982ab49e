package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input gets a clear problem+json answer and writes nothing. */
@OfferDeskTest
class BadInputTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  Http api;
  long tokensBefore;

  @BeforeEach
  void setUp() {
    api = new Http(port).bearer(new TestTenants(context).seller("Bad Input Co").adminToken());
    tokensBefore = tokenCount();
  }

  @Test
  void malformed_json_is_a_400_problem() {
    Http.Response r = api.postRaw("/api/v1/tokens", "application/json", "{\"name\": ");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().at("/type").asText()).isEqualTo("/problems/malformed-request");
    assertThat(r.json().at("/detail").asText()).isNotBlank();
    assertThat(tokenCount()).isEqualTo(tokensBefore);
  }

  @Test
  void a_wrongly_typed_or_unknown_field_is_named() {
    Http.Response wrongType = api.postRaw("/api/v1/tokens", "application/json",
        "{\"name\": \"x\", \"expiresInDays\": \"soon\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/errors/0/field").asText()).isEqualTo("expiresInDays");
    Http.Response unknown = api.postRaw("/api/v1/tokens", "application/json", "{\"name\": \"x\", \"colour\": 1}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("colour");
    assertThat(tokenCount()).isEqualTo(tokensBefore);
  }

  @Test
  void an_oversized_body_is_a_413_problem() {
    String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    Http.Response r = api.postRaw("/api/v1/tokens", "application/json", huge);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().at("/type").asText()).isEqualTo("/problems/payload-too-large");
    assertThat(tokenCount()).isEqualTo(tokensBefore);
  }

  @Test
  void validation_errors_name_every_field() {
    Http.Response r = api.postJson("/api/v1/tokens", Map.of("name", "", "expiresInDays", 0));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/type").asText()).isEqualTo("/problems/validation");
    assertThat(r.json().at("/errors").toString()).contains("name").contains("expiresInDays");
    assertThat(tokenCount()).isEqualTo(tokensBefore);
  }

  @Test
  void wrong_content_type_unknown_path_and_method_are_problems() {
    assertThat(api.postRaw("/api/v1/tokens", "text/plain", "name=x").status()).isEqualTo(415);
    Http.Response missing = api.get("/api/v1/no-such-thing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.postJson("/api/v1/me", Map.of()).status()).isEqualTo(405);
    assertThat(api.get("/api/v1/tokens?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/tokens?cursor=garbage").json().at("/errors/0/field").asText()).isEqualTo("cursor");
  }

  @Test
  void problem_types_are_documented_pages() {
    Http.Response page = new Http(port).get("/problems/validation");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Invalid input");
  }

  private long tokenCount() {
    return jdbc.sql("SELECT count(*) FROM api_token").query(Long.class).single();
  }
}
