package org.offerdesk.app.listings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A product a seller sells on a marketplace, as last synced, with the template OfferDesk adds to it:
 * support contacts, welcome text and the fields its registration page asks for.
 */
public record Listing(
    UUID organizationId,
    String productId,
    String title,
    String productCode,
    ListingState state,
    List<Dimension> dimensions,
    String fulfillmentUrl,
    Template template,
    Instant syncedAt) {

  /** A pricing dimension of the product: contract dimensions are bought in quantities up front. */
  public record Dimension(String key, String name, String unit, List<String> types) {
    public boolean isContract() {
      return types == null || types.isEmpty() || types.contains("Entitled");
    }
  }

  /** What OfferDesk needs that the marketplace does not hold. */
  public record Template(String supportEmail, String supportUrl, String welcomeText,
      List<RegistrationField> registrationFields, int version) {
    public static Template empty() {
      return new Template(null, null, null, List.of(), 0);
    }
  }

  /** A field the buyer fills in on the registration page, on top of company, contact name and email. */
  public record RegistrationField(String key, String label, FieldType type, boolean required) {}

  /** The kinds of value a seller-defined field holds. */
  public enum FieldType { TEXT, EMAIL, NUMBER, DATE, PHONE }

  public Optional<Dimension> dimension(String key) {
    return dimensions.stream().filter(d -> d.key().equals(key)).findFirst();
  }
}
