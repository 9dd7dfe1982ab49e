package org.offerdesk.app.marketplace.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds.FeedBucket;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an organization's seller data feeds are delivered (Settings → Marketplace): an S3 bucket, an
 * optional key prefix in front of the feed folders, and a note on the bucket's KMS key (AWS's feed bucket
 * is SSE-KMS; S3 decrypts for a reader the key policy allows, so OfferDesk only records which key it is).
 */
@Service
class DataFeedSettings {

  /** S3's bucket naming rules (3 to 63 lower-case letters, digits, dots and hyphens). */
  private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  DataFeedSettings(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  Optional<FeedBucket> find(UUID organizationId) {
    return jdbc.sql("SELECT bucket, prefix, kms_note FROM marketplace_data_feed WHERE organization_id = ?")
        .param(organizationId)
        .query((rs, row) -> new FeedBucket(rs.getString(1), prefix(rs.getString(2)), rs.getString(3))).optional();
  }

  /** Saves the bucket; a prefix is kept without leading slash and with one trailing slash. */
  @Transactional
  FeedBucket save(Caller caller, String bucket, String prefix, String kmsNote) {
    String b = bucket == null ? "" : bucket.strip();
    if (!BUCKET.matcher(b).matches()) {
      throw new InvalidInput("bucket", "must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens");
    }
    String p = prefix(prefix);
    if (p.length() > 512) {
      throw new InvalidInput("prefix", "must be at most 512 characters");
    }
    String note = kmsNote == null || kmsNote.isBlank() ? null : kmsNote.strip();
    store(caller.organizationId(), b, p, note, caller.describe());
    audit.record(caller, "marketplace.data_feeds_saved", "bucket " + b, p.isEmpty() ? "no prefix" : "prefix " + p);
    return find(caller.organizationId()).orElseThrow();
  }

  /** At start, for demo organizations on the embedded sandbox: its data feed bucket, unless one is set. */
  @Transactional
  void connectDemo(UUID organizationId, String bucket) {
    if (find(organizationId).isEmpty()) {
      store(organizationId, bucket, "", null, "system");
      audit.record(organizationId, "system", "marketplace.data_feeds_saved", "bucket " + bucket,
          "the embedded sandbox's data feed bucket");
    }
  }

  private void store(UUID organizationId, String bucket, String prefix, String note, String by) {
    jdbc.sql("""
        INSERT INTO marketplace_data_feed (organization_id, bucket, prefix, kms_note, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (organization_id) DO UPDATE SET bucket = EXCLUDED.bucket, prefix = EXCLUDED.prefix,
          kms_note = EXCLUDED.kms_note, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
        .params(organizationId, bucket, prefix, note, Timestamp.from(clock.instant()), by).update();
  }

  private static String prefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return "";
    }
    String p = prefix.strip().replaceAll("^/+", "").replaceAll("/+$", "");
    return p.isEmpty() ? "" : p + "/";
  }
}
