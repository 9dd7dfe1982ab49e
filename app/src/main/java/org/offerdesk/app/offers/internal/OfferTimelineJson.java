package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.internal.OfferStore.TimelineEntry;

/**
 * An offer's timeline read in the offers list's own statement: {@link #SQL} is a subquery of the row's events as
 * JSON, {@link #read} turns it into the timeline. Before, a second statement read the page's timelines by their
 * offers' IDs: a second parse, plan, execution and round trip, most of PostgreSQL's time for an API page. The
 * subquery runs for the page's rows only (PostgreSQL evaluates it after the sort and the limit; see
 * bench/README.md, "P3 at 10 clients: one statement a page"). Each entry is {@code [micros, stage, cause, detail,
 * actor]}, in the timeline's order (time, then the order of recording); the time is in microseconds since the
 * epoch, exact and independent of the session's time zone.
 */
final class OfferTimelineJson {

  /** The subquery, for {@code TableQuery.select} on the {@code offer} table; SQL NULL for an offer without events. */
  static final String SQL = "(SELECT json_agg(json_build_array("
      + "CAST(extract(epoch FROM e.occurred_at) * 1000000 AS bigint), e.stage, e.cause, e.detail, e.actor)"
      + " ORDER BY e.occurred_at, e.seq) FROM offer_event e"
      + " WHERE e.organization_id = :organizationId AND e.offer_id = offer.id)";

  /**
   * The last timeline read for an offer, with the exact JSON it was read from. The same offers are listed again
   * and again (a list's first pages) and their timelines seldom change: the bytes are compared whole, so what
   * comes out is what reading them would give, and the same list each time (which the API's JSON writer then
   * finds equal at once).
   */
  private record Read(byte[] json, List<TimelineEntry> entries) {}

  /** Past this many offers the memo starts again from empty (a few hundred bytes an offer). */
  private static final int MAX_READ = 10_000;

  private final Map<UUID, Read> read = new ConcurrentHashMap<>();
  private final JsonFactory factory;

  OfferTimelineJson(JsonFactory factory) {
    this.factory = factory;
  }

  /** The offer's timeline from {@link #SQL}'s JSON (null: no events). */
  List<TimelineEntry> read(UUID offerId, byte[] json) throws SQLException {
    if (json == null) {
      return List.of();
    }
    Read last = read.get(offerId);
    if (last != null && Arrays.equals(last.json(), json)) {
      return last.entries();
    }
    List<TimelineEntry> entries;
    try {
      entries = parse(factory, json);
    } catch (IOException | RuntimeException e) {
      throw new SQLException("Unreadable timeline of offer " + offerId, e);
    }
    if (read.size() >= MAX_READ) {
      read.clear();
    }
    read.put(offerId, new Read(json, entries));
    return entries;
  }

  /** {@code [[micros, stage, cause, detail, actor], ...]} as {@link #SQL} builds it. */
  static List<TimelineEntry> parse(JsonFactory factory, byte[] json) throws IOException {
    List<TimelineEntry> entries = new ArrayList<>();
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("Not a timeline: " + p.currentToken());
      }
      while (p.nextToken() == JsonToken.START_ARRAY) {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
          throw new IOException("Not a time in microseconds: " + p.currentToken());
        }
        long micros = p.getLongValue();
        OfferStage stage = OfferStage.valueOf(p.nextTextValue());
        String cause = p.nextTextValue();
        String detail = p.nextTextValue();
        String actor = p.nextTextValue();
        if (p.nextToken() != JsonToken.END_ARRAY) {
          throw new IOException("Not five values in a timeline entry");
        }
        entries.add(new TimelineEntry(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
            Math.floorMod(micros, 1_000_000L) * 1_000L), stage, cause, detail, actor));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new IOException("Not a timeline entry: " + p.currentToken());
      }
    }
    return List.copyOf(entries);
  }
}
