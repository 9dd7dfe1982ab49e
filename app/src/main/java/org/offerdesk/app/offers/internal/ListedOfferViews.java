package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offers API list's views ({@link OfferView#of}), the last one made for each offer kept with what it was made
 * from: the offer as read, its timeline, and a partner offer's terms and links. A list's first pages show the same
 * offers to every request until one of them changes; comparing what a view is made from (record equality: every
 * field of the offer and of each timeline entry; the terms, kept per row version by {@link ParsedOfferJson}, are
 * mostly the same object) is far cheaper than making the view again (its missing terms, contract total and actions)
 * and then comparing it whole in {@link OfferViewJson}, which finds the very view it wrote last. What the list
 * answers is exactly what making the view would give: a view is a function of these inputs alone. Per JVM, at most
 * {@value #MAX_VIEWS} offers (the views themselves are already held by {@link OfferViewJson}'s written JSON).
 */
final class ListedOfferViews {

  private record Made(Offer offer, List<OfferStore.TimelineEntry> timeline, PartnerTerms partner,
      PartnerOfferLinks.Link link, OfferView view) {}

  /** Past this many offers the memo starts again from empty. */
  private static final int MAX_VIEWS = 10_000;

  private final Map<UUID, Made> made = new ConcurrentHashMap<>();

  /** The offer's view with its timeline, and a partner offer's terms and links (null for other offers). */
  OfferView of(Offer offer, List<OfferStore.TimelineEntry> timeline, PartnerTerms partner,
      PartnerOfferLinks.Link link) {
    Made last = made.get(offer.id());
    if (last != null && last.offer().equals(offer) && Objects.equals(last.timeline(), timeline)
        && Objects.equals(last.partner(), partner) && Objects.equals(last.link(), link)) {
      return last.view();
    }
    OfferView view = OfferView.of(offer, timeline, List.of(), partner).withPartner(link);
    if (made.size() >= MAX_VIEWS) {
      made.clear();
    }
    made.put(offer.id(), new Made(offer, timeline, partner, link, view));
    return view;
  }
}
