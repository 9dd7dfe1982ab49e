package org.offerdesk.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation on a real database: with the old key as OFFERDESK_SECRET_KEY_PREVIOUS, a start re-seals every
 * marketplace secret and webhook signing secret with the new key, once, even when instances race.
 */
@OfferDeskTest
class SecretRekeyingTest {

  /** The key {@link OfferDeskTest} configures: what everything in the database is sealed with. */
  static final String OLD_KEY = "offerdesk-tests-only-key-0123456789abcdefXYZ";
  static final String NEW_KEY = "Rk3vQ8pZ1nW6yT4mB9cX2hJ7sL5dF0gA=";

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired List<SealedColumn> columns;
  @TempDir Path dataDir;

  SecretBox oldBox;
  SecretBox newBox;
  final List<UUID> organizations = new ArrayList<>();

  @BeforeEach
  void storeSecretsSealedWithTheOldKey() {
    oldBox = new SecretBox(OLD_KEY, "", dataDir.toString());
    newBox = new SecretBox(NEW_KEY, OLD_KEY, dataDir.toString());
    UUID first = organization();
    UUID second = organization();
    UUID third = organization();
    connection(first, oldBox.seal("aws-secret-1"));
    connection(second, SecretBoxTest.firstFormat(OLD_KEY, "aws-secret-2"));
    connection(third, null);
    webhook(first, oldBox.seal("whsec-1"));
    webhook(second, SecretBoxTest.firstFormat(OLD_KEY, "whsec-2"));
  }

  @AfterEach
  void rotateBackAndRemoveRows() {
    // The organizations stay: background jobs may already reference them.
    // The shared test context still uses the old key: put everything back under it.
    new SecretRekeying(new SecretBox(OLD_KEY, NEW_KEY, dataDir.toString()), columns, jdbc, tx).rekeyAll();
    for (UUID org : organizations) {
      jdbc.update("DELETE FROM webhook_endpoint WHERE organization_id = ?", org);
      jdbc.update("DELETE FROM marketplace_connection WHERE organization_id = ?", org);
    }
  }

  @Test
  void every_stored_secret_is_resealed_with_the_new_key_once() {
    assertThat(columns).extracting(SealedColumn::toString)
        .contains("marketplace_connection.secret_access_key", "webhook_endpoint.sealed_secret");
    int stale = staleValues(newBox);
    assertThat(stale).isGreaterThanOrEqualTo(4);

    int resealed = new SecretRekeying(newBox, columns, jdbc, tx).rekeyAll();

    assertThat(resealed).isEqualTo(stale);
    assertThat(staleValues(newBox)).isZero();
    SecretBox onlyNew = new SecretBox(NEW_KEY, "", dataDir.toString());
    assertThat(opened(onlyNew, "SELECT secret_access_key FROM marketplace_connection WHERE organization_id = ?",
        organizations.get(0))).isEqualTo("aws-secret-1");
    assertThat(opened(onlyNew, "SELECT secret_access_key FROM marketplace_connection WHERE organization_id = ?",
        organizations.get(1))).isEqualTo("aws-secret-2");
    assertThat(opened(onlyNew, "SELECT sealed_secret FROM webhook_endpoint WHERE organization_id = ?",
        organizations.get(1))).isEqualTo("whsec-2");
    assertThat(jdbc.queryForObject("SELECT secret_access_key FROM marketplace_connection WHERE organization_id = ?",
        String.class, organizations.get(2))).isNull();

    assertThat(new SecretRekeying(newBox, columns, jdbc, tx).rekeyAll()).as("a second start has nothing to do").isZero();
  }

  @Test
  void instances_starting_together_reseal_each_value_exactly_once() throws Exception {
    int stale = staleValues(newBox);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SecretRekeying instance = new SecretRekeying(new SecretBox(NEW_KEY, OLD_KEY, dataDir.toString()), columns, jdbc, tx);
      instances.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(go);
        return instance.rekeyAll();
      }));
    }
    go.countDown();
    int total = 0;
    for (CompletableFuture<Integer> instance : instances) {
      total += instance.get();
    }
    assertThat(total).isEqualTo(stale);
    assertThat(staleValues(newBox)).isZero();
  }

  @Test
  void a_value_no_key_opens_is_left_as_it_is_and_the_rest_go_on() {
    String foreign = new SecretBox("some-other-installation-key-0123456789", "", dataDir.toString()).seal("x");
    UUID org = organization();
    webhook(org, foreign);

    new SecretRekeying(newBox, columns, jdbc, tx).rekeyAll();

    assertThat(jdbc.queryForObject("SELECT sealed_secret FROM webhook_endpoint WHERE organization_id = ?",
        String.class, org)).isEqualTo(foreign);
    assertThat(staleValues(newBox)).isEqualTo(1);
    jdbc.update("DELETE FROM webhook_endpoint WHERE organization_id = ?", org);
  }

  private int staleValues(SecretBox box) {
    int stale = 0;
    for (Map<String, Object> row : jdbc.queryForList(
        "SELECT secret_access_key AS v FROM marketplace_connection UNION ALL SELECT sealed_secret FROM webhook_endpoint")) {
      Object value = row.get("v");
      if (value != null && box.needsResealing((String) value)) {
        stale++;
      }
    }
    return stale;
  }

  private String opened(SecretBox box, String sql, UUID org) {
    return box.open(jdbc.queryForObject(sql, String.class, org));
  }

  private UUID organization() {
    UUID id = UUID.randomUUID();
    jdbc.update("INSERT INTO organization (id, slug, name, kind, created_at) VALUES (?, ?, ?, 'SELLER', now())",
        id, "rekey-" + id, "Rekey " + id);
    organizations.add(id);
    return id;
  }

  private void connection(UUID org, String sealed) {
    jdbc.update("""
        INSERT INTO marketplace_connection (organization_id, aws_account_id, region, credentials_type,
          access_key_id, secret_access_key, endpoint_override, updated_at, updated_by)
        VALUES (?, ?, 'us-east-1', 'ACCESS_KEY', 'AKIAEXAMPLE', ?, 'http://127.0.0.1:9', ?, 'test')""",
        org, String.format("%012d", Math.floorMod(org.getMostSignificantBits(), 1_000_000_000_000L)), sealed,
        Timestamp.from(Instant.now()));
  }

  private void webhook(UUID org, String sealed) {
    jdbc.update("""
        INSERT INTO webhook_endpoint (id, organization_id, url, events, enabled, sealed_secret, secret_hint,
          created_at, updated_at)
        VALUES (?, ?, 'http://127.0.0.1:9/hook', ARRAY['*'], true, ?, 'whsec_…', now(), now())""",
        UUID.randomUUID(), org, sealed);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
