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

@OfferDeskTest
class IdempotencyTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  Http api;

  @BeforeEach
  void setUp() {
    api = new Http(port).bearer(new TestTenants(context).seller("Retry Co").adminToken());
  }

  @Test
  void a_retried_create_returns_the_first_result_and_creates_once() {
    Map<String, Object> body = Map.of("email", "once@retry.test", "displayName", "Once", "role", "SALES",
        "password", "a long password");
    Http.Response first = api.postJson("/api/v1/users", body, Map.of("Idempotency-Key", "add-once"));
    Http.Response retry = api.postJson("/api/v1/users", body, Map.of("Idempotency-Key", "add-once"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().at("/user/id")).isEqualTo(first.json().at("/user/id"));
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE email = 'once@retry.test'").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void the_same_key_for_another_request_is_refused() {
    api.postJson("/api/v1/users", Map.of("email", "a@retry.test", "displayName", "A", "role", "SALES"),
        Map.of("Idempotency-Key", "k1"));
    Http.Response other = api.postJson("/api/v1/users",
        Map.of("email", "b@retry.test", "displayName", "B", "role", "SALES"), Map.of("Idempotency-Key", "k1"));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().at("/type").asText()).isEqualTo("/problems/idempotency-key-reused");
    assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE email = 'b@retry.test'").query(Long.class).single())
        .isZero();
  }

  @Test
  void a_response_with_a_secret_is_never_stored_or_replayed() {
    Http.Response first = api.postJson("/api/v1/tokens", Map.of("name", "secretive"),
        Map.of("Idempotency-Key", "tok-1"));
    Http.Response retry = api.postJson("/api/v1/tokens", Map.of("name", "secretive"),
        Map.of("Idempotency-Key", "tok-1"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.json().at("/type").asText()).isEqualTo("/problems/idempotent-response-not-replayable");
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.body()).doesNotContain(first.json().at("/secret").asText());
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'secretive'").query(Long.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM idempotent_request WHERE body IS NOT NULL AND idempotency_key = 'tok-1'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void keys_belong_to_one_credential() {
    Http other = new Http(port).bearer(new TestTenants(context).seller("Other Co").adminToken());
    Map<String, Object> body = Map.of("name", "shared-key");
    assertThat(api.postJson("/api/v1/tokens", body, Map.of("Idempotency-Key", "same")).status()).isEqualTo(201);
    assertThat(other.postJson("/api/v1/tokens", body, Map.of("Idempotency-Key", "same")).status()).isEqualTo(201);
  }
}
