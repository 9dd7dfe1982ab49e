package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.Objects;

/**
 * The offers API list's views ({@link OfferView#of}), each kept in its offer's {@link ParsedOfferJson} entry for the
 * row version the page read it with, beside the parse and the timeline of that version. A list's first pages show
 * the same offers to every request until one of them changes; an offer read with the same row version is the same
 * offer (every field comes from that row version and its kept parse), and its timeline is the entry's own (since
 * V181 a change to the events is a new row version), so only a partner offer's terms and links, which live in other
 * tables, are compared. That is far cheaper than making the view again (its missing terms, contract total and
 * actions), and {@link OfferViewJson} then finds the very view it wrote last. What the list answers is exactly what
 * making the view would give: a view is a function of these inputs alone. An offer without an entry (read inside a
 * transaction that writes) gets a view made anew.
 */
final class ListedOfferViews {

  /** A view and the partner offer's terms and link it was made with (null for other offers). */
  record Made(PartnerTerms partner, PartnerOfferLinks.Link link, OfferView view) {}

  private final ParsedOfferJson json;

  ListedOfferViews(ParsedOfferJson json) {
    this.json = json;
  }

  /**
   * The offer's view with its timeline, and a partner offer's terms and links (null for other offers); {@code entry}
   * is the offer's memo entry for the row version it was read with, with that timeline ({@link OfferTimelines}), or
   * null.
   */
  OfferView of(Offer offer, List<OfferStore.TimelineEntry> timeline, PartnerTerms partner,
      PartnerOfferLinks.Link link, ParsedOfferJson.Parsed entry) {
    boolean kept = entry != null && entry.timeline() == timeline && entry.terms() == offer.terms();
    Made last = kept ? entry.view() : null;
    if (last != null && Objects.equals(last.partner(), partner) && Objects.equals(last.link(), link)) {
      return last.view();
    }
    OfferView view = OfferView.of(offer, timeline, List.of(), partner).withPartner(link);
    if (kept) {
      json.withView(offer.id(), entry, new Made(partner, link, view));
    }
    return view;
  }
}
