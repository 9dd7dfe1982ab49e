package org.offerdesk.app.offers.internal;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One list query's offers read by {@link #LISTED} (see {@link OfferStore#table}): each row with the parse of its
 * stored JSON kept for its row version ({@link ParsedOfferJson#at}), and the rows without one read again whole, with
 * their JSON and version, in one statement for the page ({@link #finish}) before its cursor is taken (the sorts by
 * name and expiry read the terms). On the list's warm first pages that second statement does not run.
 */
final class ListedOffers {

  /** {@link OfferStore#MAPPED} without the stored JSON, and the row's version. */
  static final String LISTED = "id, organization_id, type, stage, marketplace_offer_id, change_set_id, revision,"
      + " version, owner, cloned_from, reissue_of, source_agreement_id, agreement_id, view_token, created_at,"
      + " updated_at, renewal, renews_agreement_id, xmin";

  private final JdbcClient jdbc;
  private final ParsedOfferJson json;
  private final UUID organizationId;
  private final Set<UUID> missed = new HashSet<>();
  private final Map<UUID, ParsedOfferJson.Parsed> listed;

  /** {@code listed} gets the memo's entry for the row version each offer of the page was read with. */
  ListedOffers(JdbcClient jdbc, ParsedOfferJson json, UUID organizationId, Map<UUID, ParsedOfferJson.Parsed> listed) {
    this.jdbc = jdbc;
    this.listed = listed;
    this.json = json;
    this.organizationId = organizationId;
  }

  /** A row of {@link #LISTED}: the offer with its kept parse, or without terms until {@link #finish}. */
  Offer map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    ParsedOfferJson.Parsed kept = json.at(id, version(rs));
    if (kept == null) {
      missed.add(id);
      return OfferStore.offer(rs, id, null, List.of());
    }
    listed.put(id, kept);
    return OfferStore.offer(rs, id, kept.terms(), kept.errors());
  }

  /** The page's rows, those read without terms now read whole (the same row version, or a later one). */
  List<Offer> finish(List<Offer> rows) {
    if (missed.isEmpty()) {
      return rows;
    }
    Map<UUID, Offer> whole = new HashMap<>();
    jdbc.sql("SELECT " + OfferStore.MAPPED + ", xmin FROM offer WHERE organization_id = ? AND id = ANY (?)")
        .params(organizationId, missed.toArray(UUID[]::new))
        .query((rs, n) -> whole(rs)).list().forEach(o -> whole.put(o.id(), o));
    List<Offer> finished = new ArrayList<>(rows.size());
    for (Offer o : rows) {
      Offer done = missed.contains(o.id()) ? whole.get(o.id()) : o;
      if (done != null) { // null: deleted since the page's statement
        finished.add(done);
      }
    }
    missed.clear();
    return finished;
  }

  private Offer whole(ResultSet rs) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    try {
      ParsedOfferJson.Parsed p = json.parse(id, rs.getBytes("terms"), rs.getBytes("publish_errors"), version(rs));
      listed.put(id, p);
      return OfferStore.offer(rs, id, p.terms(), p.errors());
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable offer " + id, e);
    }
  }

  private static ParsedOfferJson.RowVersion version(ResultSet rs) throws SQLException {
    return new ParsedOfferJson.RowVersion(Long.parseLong(rs.getString("xmin")), rs.getInt("version"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
