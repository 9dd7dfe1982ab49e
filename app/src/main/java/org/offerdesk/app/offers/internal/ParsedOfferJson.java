package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.offerdesk.postgres.BoundedMemo;

/**
 * The last parse of each offer's stored terms and publish errors, with the exact bytes it was parsed from and, when
 * known, the row version they were read with. Reading those two JSON columns was the largest part of reading an
 * offer (a fifth of an offers API page's CPU), and the same offers are read again and again (a list's first pages,
 * an offer's page). Two ways back to a parse, both exact:
 * <ul>
 *   <li>by the bytes ({@link #parse}): compared whole (a vectorized compare of about a kilobyte, far cheaper than the
 *       parse), so what comes out is what parsing the row would give, whoever changed the row and however;</li>
 *   <li>by the row version ({@link #at}): PostgreSQL's {@code xmin} (the transaction that wrote this version of the
 *       row: every {@code UPDATE}, by any writer, makes a new one) with the row's {@code version} and
 *       {@code updated_at}, recorded with the bytes read in the same row. The list reads the version instead of the
 *       JSON, and the JSON only of the rows whose version it does not hold (writing each row's {@code jsonb} out as
 *       text was half of the page statement's PostgreSQL CPU). Only sound for reads that see committed rows alone
 *       (see {@link OfferStore#table}): two versions written by one transaction share an {@code xmin}.</li>
 * </ul>
 * {@link OfferTerms} and the errors are immutable. An entry kept for a row version also holds, once the offers API's
 * list has made them, the offer's timeline ({@link OfferTimelines}) and its list view ({@link ListedOfferViews}) for
 * that same version: one entry, and one lookup, per offer for all three. Per JVM, at most {@value #MAX_PARSED} offers.
 */
final class ParsedOfferJson {

  /** The row version a parse was read with: {@code xmin}, {@code version} and {@code updated_at}. */
  record RowVersion(long xmin, int version, Instant updatedAt) {}

  /**
   * A parse, and for a row version ({@code version} not null) what the list made of it for that version: the
   * offer's timeline and its view, each null until made.
   */
  record Parsed(byte[] termsJson, byte[] errorsJson, OfferTerms terms, List<Offer.PublishError> errors,
      RowVersion version, List<OfferStore.TimelineEntry> timeline, ListedOfferViews.Made view) {

    private Parsed at(RowVersion v) {
      return new Parsed(termsJson, errorsJson, terms, errors, v, null, null);
    }
  }

  /** Past this many offers the memo starts again from empty (about 4 KB an offer with its timeline: 40 MB at most). */
  private static final int MAX_PARSED = 10_000;

  private final BoundedMemo<UUID, Parsed> parsed = new BoundedMemo<>(MAX_PARSED);
  private final ObjectReader termsReader;
  private final ObjectReader errorsReader;

  ParsedOfferJson(ObjectReader termsReader, ObjectReader errorsReader) {
    this.termsReader = termsReader;
    this.errorsReader = errorsReader;
  }

  /** The parse of these bytes: the last one when its bytes are the same, else a new one (kept). */
  Parsed parse(UUID id, byte[] termsJson, byte[] errorsJson) throws IOException {
    Parsed last = parsed.get(id);
    if (last != null && Arrays.equals(last.termsJson(), termsJson) && Arrays.equals(last.errorsJson(), errorsJson)) {
      return last;
    }
    // The column's bytes as PostgreSQL sent them (UTF-8): Jackson's byte parser, with no String made first.
    List<Offer.PublishError> errors = errorsReader.readValue(errorsJson);
    Parsed fresh = new Parsed(termsJson, errorsJson, termsReader.readValue(termsJson),
        errors == null ? List.of() : List.copyOf(errors), null, null, null);
    keep(id, fresh);
    return fresh;
  }

  /** As {@link #parse}, for bytes read in the same row as {@code version}: later reads of that version find it. */
  Parsed parse(UUID id, byte[] termsJson, byte[] errorsJson, RowVersion version) throws IOException {
    Parsed p = parse(id, termsJson, errorsJson);
    if (!version.equals(p.version())) {
      p = p.at(version);
      keep(id, p);
    }
    return p;
  }

  /** The parse read with this very row version, or null. */
  Parsed at(UUID id, RowVersion version) {
    Parsed last = parsed.get(id);
    return last != null && version.equals(last.version()) ? last : null;
  }

  /** The entry read with a row version ({@link #at}) with the offer's timeline for that version; kept if current. */
  Parsed withTimeline(UUID id, Parsed entry, List<OfferStore.TimelineEntry> timeline) {
    return replace(id, entry, new Parsed(entry.termsJson(), entry.errorsJson(), entry.terms(), entry.errors(),
        entry.version(), timeline, null));
  }

  /** The entry with its timeline ({@link #withTimeline}) and the view made of them; kept if current. */
  Parsed withView(UUID id, Parsed entry, ListedOfferViews.Made view) {
    return replace(id, entry, new Parsed(entry.termsJson(), entry.errorsJson(), entry.terms(), entry.errors(),
        entry.version(), entry.timeline(), view));
  }

  /** {@code next} in place of {@code entry} if the memo still holds that very entry (not a later version). */
  private Parsed replace(UUID id, Parsed entry, Parsed next) {
    parsed.update(id, (key, current) -> current == entry ? next : current);
    return next;
  }

  private void keep(UUID id, Parsed p) {
    parsed.put(id, p);
  }
}
