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
  long offersBefore;

  @BeforeEach
  void setUp() {
    api = new Http(port).bearer(new TestTenants(context).seller("Bad Input Co").adminToken());
    tokensBefore = tokenCount();
    offersBefore = offerCount();
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

  // The three causes of the 500s found by throwing bad input at every operation (issue 11), now 400s
  // that name the field, with nothing written.

  @Test
  void a_nul_character_in_a_text_field_is_a_400_naming_the_field() {
    Http.Response r = api.postRaw("/api/v1/tokens", "application/json", "{\"name\":\"a\\u0000b\"}");
    assertValidation(r, "name", "control characters");
    Http.Response nested = api.postRaw("/api/v1/offers", "application/json",
        "{\"name\":\"ok\",\"dimensions\":[{\"key\":\"Seats\\u0007\",\"quantity\":1}]}");
    assertValidation(nested, "dimensions[0].key", "control characters");
    assertThat(tokenCount()).isEqualTo(tokensBefore);
    assertThat(offerCount()).isEqualTo(offersBefore);
  }

  @Test
  void a_nul_character_in_a_query_is_a_400_naming_the_parameter() {
    assertValidation(api.get("/api/v1/offers?q=%00"), "q", "control characters");
    assertValidation(api.get("/api/v1/offers?productId=a%00b"), "productId", "control characters");
    // Tab, line feed and carriage return are text, not control characters refused.
    assertThat(api.get("/api/v1/offers?q=a%09b").status()).isEqualTo(200);
  }

  @Test
  void a_null_element_in_an_array_is_a_400_naming_the_element() {
    Http.Response r = api.postRaw("/api/v1/offers", "application/json",
        "{\"name\":\"Nulls\",\"dimensions\":[null]}");
    assertValidation(r, "dimensions[0]", "must not be null");
    assertThat(offerCount()).isEqualTo(offersBefore);
  }

  @Test
  void a_duplicate_key_is_a_400_naming_the_key() {
    Http.Response r = api.postRaw("/api/v1/tokens", "application/json", "{\"name\":\"a\",\"name\":\"b\"}");
    assertValidation(r, "name", "more than once");
    assertThat(tokenCount()).isEqualTo(tokensBefore);
  }

  @Test
  void a_date_beyond_what_the_marketplace_takes_is_refused_with_its_field() {
    Http.Response r = api.postJson("/api/v1/offers", Map.of("name", "Far", "expiresOn", "+999999999-12-31",
        "serviceStartDate", "2030-01-01", "serviceEndDate", "+999999999-12-31"));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/errors").toString()).contains("{\"field\":\"expiresOn\",\"message\":\"must be on or before 2099-12-31\"}")
        .contains("{\"field\":\"serviceEndDate\",\"message\":\"must be on or before 2099-12-31\"}");
    assertThat(offerCount()).isEqualTo(offersBefore);
  }

  @Test
  void problem_types_are_documented_pages() {
    Http.Response page = new Http(port).get("/problems/validation");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Invalid input");
  }

  private static void assertValidation(Http.Response r, String field, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().at("/type").asText()).isEqualTo("/problems/validation");
    assertThat(r.json().at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(r.json().at("/errors/0/message").asText()).contains(message);
  }

  private long offerCount() {
    return jdbc.sql("SELECT count(*) FROM offer").query(Long.class).single();
  }

  private long tokenCount() {
    return jdbc.sql("SELECT count(*) FROM api_token").query(Long.class).single();
  }
}
