package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every query that reads, updates or deletes a tenant's row by id also filters by organization_id, so
 * that an id from another organization finds nothing. {@link #PROVABLY_SAFE} lists the few that need
 * not, each with why it cannot leak.
 */
class TenantQueriesTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path SOURCES = Path.of("src/main/java");

  /**
   * File and a fragment of the statement, with the reason no caller can reach another tenant's row
   * through it. Keep this short: the answer to a new violation is an organization_id filter.
   */
  private static final Map<String, String> PROVABLY_SAFE = Map.ofEntries(
      // The job runner claims due rows (the claim itself selects by status and due time, across
      // organizations, by design) and then moves only the rows it claimed (locked_by = this worker).
      Map.entry("jobs/internal/JobWorker.java|update job set", "runner claims and moves its own rows"),
      // How a claimed job ends (done, waiting, retried, parked) is written by JobOutcomes for the runner.
      Map.entry("jobs/internal/JobOutcomes.java|update job set", "runner moves the rows it claimed"),
      // Jobs.status(id) answers for the id enqueue() returned to the same code; no request reaches it
      // (the jobs API and page go through the organization-scoped queries).
      Map.entry("jobs/internal/JdbcJobs.java|select status from job where id", "status of an id enqueue() returned"),
      // A registration session is located by its random id, which is the secret in the buyer's link;
      // the buyer is not signed in to any organization, and the row says which organization it is for.
      Map.entry("orders/internal/Registrations.java|select * from registration_session where id = ?",
          "row located by the secret in the buyer's link"),
      // A token is found by the hash of its secret before anyone is authenticated; its last-used stamp is
      // then written by the id of the row just found.
      Map.entry("identity/internal/ApiTokens.java|update api_token set last_used_at", "the token just authenticated"),
      // Sign-in bookkeeping: the member is found by email before there is a caller; the id is that row's.
      Map.entry("identity/internal/Members.java|failed_sign_ins", "the member sign-in just found"),
      // The email sender and the webhook sender move the row they are sending through its states; the
      // API's retry and redeliver go through organization-scoped queries first.
      Map.entry("notifications/internal/Outbox.java|update email_outbox", "the email being sent"),
      Map.entry("webhooks/internal/DeliveryLog.java|webhook_delivery", "the delivery being sent (id and series)"));

  @Test
  void every_query_by_id_of_a_tenant_table_filters_by_organization() {
    Set<String> tenantTables = TenantQueryLint.tenantTables(MIGRATIONS);
    assertThat(tenantTables).contains("offer", "customer_order", "app_user", "api_token", "webhook_endpoint");
    List<TenantQueryLint.Violation> violations = new TenantQueryLint(tenantTables).scan(SOURCES).stream()
        .filter(v -> !provablySafe(v)).toList();
    assertThat(violations).as("queries by id without organization_id (add it to the query and the method)")
        .isEmpty();
  }

  @Test
  void the_lint_catches_a_query_by_id_without_organization() {
    TenantQueryLint lint = new TenantQueryLint(Set.of("offer", "webhook_delivery"));
    String source = """
        class Sample {
          Optional<Offer> leaks(UUID id) {
            return jdbc.sql("SELECT * FROM offer WHERE id = ?").param(id).query(this::map).optional();
          }
          Optional<Offer> safe(UUID org, UUID id) {
            return jdbc.sql("SELECT * FROM offer WHERE id = ? AND organization_id = ?").params(id, org).query();
          }
          void leaksInABlock(UUID id) {
            jdbc.sql(\"""
                UPDATE offer
                   SET stage = 'SENT'
                 WHERE id = :id\""").param("id", id).update();
          }
          void leaksThroughAnAlias(UUID id) {
            jdbc.sql("SELECT d.* FROM webhook_delivery d " + where() + " WHERE d.id = ?").param(id).query();
          }
          void notATenantTable(UUID id) {
            jdbc.sql("SELECT * FROM organization WHERE id = ?").param(id).query();
          }
          String notSql() {
            return "id = ? is what the lint looks for";
          }
        }
        """;
    List<TenantQueryLint.Violation> violations = lint.check("Sample.java", source);
    assertThat(violations).extracting(TenantQueryLint.Violation::line).containsExactly(3, 9, 15);
    assertThat(violations).extracting(TenantQueryLint.Violation::table)
        .containsExactly("offer", "offer", "webhook_delivery");
  }

  @Test
  void tenant_tables_come_from_the_migrations() {
    Set<String> tables = TenantQueryLint.tenantTables(MIGRATIONS);
    assertThat(tables).doesNotContain("organization", "flyway_schema_history");
  }

  private static boolean provablySafe(TenantQueryLint.Violation v) {
    String sql = v.sql().toLowerCase();
    return PROVABLY_SAFE.keySet().stream().anyMatch(key -> {
      String[] parts = key.split("\\|", 2);
      return v.file().replace('\\', '/').equals(partsFile(parts[0])) && sql.contains(parts[1]);
    });
  }

  private static String partsFile(String relative) {
    return "org/offerdesk/app/" + relative;
  }
}
