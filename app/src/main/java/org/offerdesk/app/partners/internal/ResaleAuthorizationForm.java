package org.offerdesk.app.partners.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.errors.FieldError;

/**
 * The console form of a resale authorization, as typed: it becomes {@link ResaleTerms}, and what cannot
 * even be read (a price that is no number, a date that is no date) is kept as a field error.
 */
record ResaleAuthorizationForm(Map<String, String> values, List<FieldError> unreadable) {

  /** How many dimension rows the form offers. */
  static final int ROWS = 3;

  static ResaleAuthorizationForm blank() {
    return new ResaleAuthorizationForm(Map.of("pricingMode", "WHOLESALE", "durationMonths", "12",
        "availabilityType", "SINGLE_USE", "eulaType", "STANDARD", "contractType", "NONE"), new ArrayList<>());
  }

  static ResaleAuthorizationForm of(Map<String, String> values) {
    return new ResaleAuthorizationForm(Map.copyOf(values), new ArrayList<>());
  }

  public String get(String name) {
    return values.getOrDefault(name, "");
  }

  ResaleTerms toTerms() {
    boolean discount = "DISCOUNT".equals(get("pricingMode"));
    List<ResaleTerms.WholesaleDimension> rows = new ArrayList<>();
    for (int i = 0; i < ROWS && !discount; i++) {
      String key = get("dimensionKey" + i).strip();
      if (!key.isEmpty()) {
        rows.add(new ResaleTerms.WholesaleDimension(key, amount("wholesalePrice" + i,
            "pricing.dimensions[" + rows.size() + "].wholesalePrice")));
      }
    }
    ResaleTerms.Pricing pricing = new ResaleTerms.Pricing(integer("durationMonths", "pricing.durationMonths"),
        discount ? amount("discountPercent", "pricing.discountPercent") : null, rows);
    List<String> buyers = Arrays.stream(get("buyerAccountIds").split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    ResaleTerms.LegalDocument contract = choice("contractType", "NONE").equals("NONE") ? null
        : new ResaleTerms.LegalDocument(ResaleTerms.DocumentType.valueOf(choice("contractType", "STANDARD")),
            blankToNull("contractUrl"));
    return new ResaleTerms(blankToNull("productId"), get("resellerAccountId").strip(), get("name"),
        blankToNull("description"), "USD", pricing, List.of(), buyers,
        new ResaleTerms.Availability(ResaleTerms.AvailabilityType.valueOf(choice("availabilityType", "UNLIMITED")),
            date("endsOn", "availability.endsOn")), "on".equals(get("renewal")),
        new ResaleTerms.LegalDocument(ResaleTerms.DocumentType.valueOf(choice("eulaType", "STANDARD")),
            blankToNull("eulaUrl")), contract);
  }

  /** A choice of the form; its options are fixed, so anything else is taken as the default. */
  private String choice(String name, String fallback) {
    String v = get(name);
    return v.matches("[A-Z_]{2,20}") ? v : fallback;
  }

  private String blankToNull(String name) {
    return get(name).isBlank() ? null : get(name).strip();
  }

  private BigDecimal amount(String name, String field) {
    try {
      return get(name).isBlank() ? null : new BigDecimal(get(name).strip());
    } catch (NumberFormatException e) {
      unreadable.add(new FieldError(field, "must be a number such as 900.00"));
      return null;
    }
  }

  private Integer integer(String name, String field) {
    try {
      return get(name).isBlank() ? null : Integer.valueOf(get(name).strip());
    } catch (NumberFormatException e) {
      unreadable.add(new FieldError(field, "must be a whole number"));
      return null;
    }
  }

  private LocalDate date(String name, String field) {
    try {
      return get(name).isBlank() ? null : LocalDate.parse(get(name).strip());
    } catch (DateTimeParseException e) {
      unreadable.add(new FieldError(field, "must be a date such as 2027-01-31"));
      return null;
    }
  }
}
