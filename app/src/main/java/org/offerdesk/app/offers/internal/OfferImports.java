package org.offerdesk.app.offers.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.CallingOutHandler;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.errors.MarketplaceRefused;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** "Import all": finds every offer of the seller's account and associates those OfferDesk lacks. */
@Component
record OfferImports(JdbcClient jdbc, Jobs jobs, Marketplace marketplace, MarketplaceCatalog catalog,
    OfferAssociation association, AuditLog audit, Clock clock, TransactionTemplate tx) implements CallingOutHandler {

  static final String KIND = "offers.import";

  /** An import as its starter follows it. */
  record ImportRun(UUID id, String status, Integer total, int processed, int imported, int alreadyKnown, int failed,
      String errors, String startedBy, Instant startedAt, Instant finishedAt) {}

  /** Starts an import, or answers the one already running; the run, its job and the audit line in one transaction. */
  ImportRun start(Caller caller) {
    return tx.execute(s -> {
      if (marketplace.connection(caller.organizationId()).isEmpty()) {
        throw MarketplaceRefused.notConnected(
            "Connect a marketplace account in Settings → Marketplace before importing its offers");
      }
      Optional<ImportRun> running = latest(caller.organizationId()).filter(r -> "RUNNING".equals(r.status()));
      if (running.isPresent()) {
        return running.get();
      }
      UUID id = UUID.randomUUID();
      jdbc.sql("""
          INSERT INTO offer_import (id, organization_id, status, started_by, started_at) VALUES (?, ?, 'RUNNING', ?, ?)""")
          .params(id, caller.organizationId(), caller.describe(), Timestamp.from(clock.instant())).update();
      jobs.scheduleNow(KIND, caller.organizationId(), Map.of("importId", id.toString(), "actor", caller.describe()),
          KIND + ":" + id);
      audit.record(caller, "offers.import_started", "import " + id, null);
      return get(caller.organizationId(), id).orElseThrow();
    });
  }

  Optional<ImportRun> get(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM offer_import WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(OfferImports::map).optional();
  }

  Optional<ImportRun> latest(UUID organizationId) {
    return jdbc.sql("SELECT * FROM offer_import WHERE organization_id = ? ORDER BY started_at DESC LIMIT 1")
        .param(organizationId).query(OfferImports::map).optional();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int maxAttempts() {
    return 3;
  }

  /**
   * Runs outside one big transaction on purpose (the worker runs a calling-out job outside any): each offer
   * is associated (and the progress saved) on its own, so the starter sees progress and a failure on one
   * offer loses none of the others.
   */
  @Override
  public void handle(Job job) {
    UUID id = UUID.fromString(job.payload().get("importId").asText());
    String actor = "import by " + job.payload().get("actor").asText();
    UUID org = job.organizationId();
    List<String> ids = new ArrayList<>();
    try {
      catalog.eachOwnEntity(org, "Offer", e -> ids.add(e.id()));
    } catch (RuntimeException e) {
      finish(org, id, "FAILED", "Could not list the account's offers: " + e.getMessage());
      return;
    }
    jdbc.sql("UPDATE offer_import SET total = ? WHERE organization_id = ? AND id = ?").params(ids.size(), org, id)
        .update();
    List<String> errors = new ArrayList<>();
    for (String offerId : ids) {
      String column;
      try {
        column = association.associate(org, actor, offerId).existed() ? "already_known" : "imported";
      } catch (RuntimeException e) {
        column = "failed";
        errors.add(offerId + ": " + e.getMessage());
      }
      jdbc.sql("UPDATE offer_import SET processed = processed + 1, " + column + " = " + column + " + 1"
          + " WHERE organization_id = ? AND id = ?").params(org, id).update();
    }
    finish(org, id, "DONE", errors.isEmpty() ? null : String.join("\n", errors));
  }

  private void finish(UUID org, UUID id, String status, String errors) {
    jdbc.sql("UPDATE offer_import SET status = ?, errors = ?, finished_at = ? WHERE organization_id = ? AND id = ?")
        .params(status, errors, Timestamp.from(clock.instant()), org, id).update();
  }

  private static ImportRun map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new ImportRun(rs.getObject("id", UUID.class), rs.getString("status"), (Integer) rs.getObject("total"),
        rs.getInt("processed"), rs.getInt("imported"), rs.getInt("already_known"), rs.getInt("failed"),
        rs.getString("errors"), rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
        finished == null ? null : finished.toInstant());
  }
}
