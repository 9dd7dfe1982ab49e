package org.offerdesk.app.offers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.offers.internal.OfferStore.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timelines of a list's page of offers, each kept for the offer's row version it was read with. Since V181 any
 * change to an offer's events gives the offer's row a new version in the same transaction (a trigger on
 * {@code offer_event}), so a timeline read with a row version is the offer's timeline for as long as the row has
 * that version: a warm page reads no events at all (the second statement of every API page was half of its
 * PostgreSQL CPU). Exact on the same terms as {@link ParsedOfferJson#at}: the versions come from reads that see
 * committed rows alone ({@link OfferStore#table}); a row read inside a transaction that writes has no version
 * there, and its timeline is read and not kept. The lists are immutable. Per JVM, at most {@value #MAX_KEPT}
 * offers.
 */
final class OfferTimelines {

  private record Kept(ParsedOfferJson.RowVersion version, List<TimelineEntry> timeline) {}

  /** Past this many offers the memo starts again from empty (about 4 events of 200 bytes an offer: 8 MB). */
  private static final int MAX_KEPT = 10_000;

  private final JdbcClient jdbc;
  private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

  OfferTimelines(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The timelines of these offers, in one query for those not kept for the version they were read with
   * ({@code versions}, filled by {@link OfferStore#table}; an offer without one is read and not kept). An offer
   * without events has an empty timeline.
   */
  Map<UUID, List<TimelineEntry>> of(UUID organizationId, List<UUID> offerIds,
      Map<UUID, ParsedOfferJson.RowVersion> versions) {
    Map<UUID, List<TimelineEntry>> timelines = new HashMap<>();
    List<UUID> missing = new ArrayList<>();
    for (UUID id : offerIds) {
      ParsedOfferJson.RowVersion version = versions.get(id);
      Kept k = version == null ? null : kept.get(id);
      if (k != null && k.version().equals(version)) {
        timelines.put(id, k.timeline());
      } else {
        missing.add(id);
      }
    }
    read(organizationId, missing).forEach((id, timeline) -> {
      List<TimelineEntry> fixed = List.copyOf(timeline);
      timelines.put(id, fixed);
      ParsedOfferJson.RowVersion version = versions.get(id);
      if (version != null) {
        if (kept.size() >= MAX_KEPT) {
          kept.clear();
        }
        kept.put(id, new Kept(version, fixed));
      }
    });
    return timelines;
  }

  /**
   * The timelines of these offers in one query (not one per offer: a page of 50 would take 50 round trips and as
   * many pool checkouts).
   */
  private Map<UUID, List<TimelineEntry>> read(UUID organizationId, List<UUID> offerIds) {
    Map<UUID, List<TimelineEntry>> timelines = new HashMap<>();
    offerIds.forEach(id -> timelines.put(id, new ArrayList<>()));
    if (offerIds.isEmpty()) {
      return timelines;
    }
    // The columns a timeline shows (not the event's id, sequence, organization and dedupe key): 200 rows a page.
    jdbc.sql("SELECT offer_id, occurred_at, stage, cause, detail, actor FROM offer_event"
            + " WHERE organization_id = ? AND offer_id = ANY (?) ORDER BY offer_id, occurred_at, seq")
        .params(organizationId, offerIds.toArray(UUID[]::new))
        .query(rs -> {
          timelines.get(rs.getObject("offer_id", UUID.class)).add(OfferStore.timelineEntry(rs, 0));
        });
    return timelines;
  }
}
