package org.offerdesk.app.offers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.offers.internal.OfferStore.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timelines of a list's page of offers, each kept for the offer's row version it was read with, in that version's
 * entry of {@link ParsedOfferJson} (beside its parse and its list view). Since V181 any change to an offer's events
 * gives the offer's row a new version in the same transaction (a trigger on {@code offer_event}), so a timeline read
 * with a row version is the offer's timeline for as long as the row has that version: a warm page reads no events at
 * all (the second statement of every API page was half of its PostgreSQL CPU). Exact on the same terms as
 * {@link ParsedOfferJson#at}: the entries come from reads that see committed rows alone ({@link OfferStore#table});
 * a row read inside a transaction that writes has none, and its timeline is read and not kept. The lists are
 * immutable.
 */
final class OfferTimelines {

  private final JdbcClient jdbc;
  private final ParsedOfferJson json;

  OfferTimelines(JdbcClient jdbc, ParsedOfferJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The timelines of these offers, in one query for those whose entry ({@code listed}, filled by
   * {@link OfferStore#table}) holds none yet; each read for an entry is kept in it, and {@code listed} gets the
   * entry with its timeline. An offer without an entry is read and not kept. An offer without events has an empty
   * timeline.
   */
  Map<UUID, List<TimelineEntry>> of(UUID organizationId, List<UUID> offerIds,
      Map<UUID, ParsedOfferJson.Parsed> listed) {
    Map<UUID, List<TimelineEntry>> timelines = new HashMap<>();
    List<UUID> missing = new ArrayList<>();
    for (UUID id : offerIds) {
      ParsedOfferJson.Parsed entry = listed.get(id);
      if (entry != null && entry.timeline() != null) {
        timelines.put(id, entry.timeline());
      } else {
        missing.add(id);
      }
    }
    read(organizationId, missing).forEach((id, timeline) -> {
      List<TimelineEntry> fixed = List.copyOf(timeline);
      timelines.put(id, fixed);
      ParsedOfferJson.Parsed entry = listed.get(id);
      if (entry != null) {
        listed.put(id, json.withTimeline(id, entry, fixed));
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
