package org.offerdesk.app.listings;

/** Where a listing stands on its marketplace. Offers can be made only on LIMITED or PUBLIC listings. */
public enum ListingState {
  LIMITED,
  PUBLIC,
  DRAFT,
  RESTRICTED,
  UNKNOWN;

  public boolean acceptsOffers() {
    return this == LIMITED || this == PUBLIC;
  }

  /** From the marketplace's product visibility (Limited, Public, Draft, Restricted). */
  public static ListingState fromVisibility(String visibility) {
    if (visibility == null) {
      return UNKNOWN;
    }
    return switch (visibility.toLowerCase()) {
      case "limited" -> LIMITED;
      case "public" -> PUBLIC;
      case "draft" -> DRAFT;
      case "restricted" -> RESTRICTED;
      default -> UNKNOWN;
    };
  }
}
