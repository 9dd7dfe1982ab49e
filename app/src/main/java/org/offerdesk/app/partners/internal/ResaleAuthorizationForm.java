package org.offerdesk.app.partners.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.offerdesk.app.errors.FieldError;

/**
 * The console form of a resale authorization, as typed: it becomes {@link ResaleTerms}, and what cannot
 * even be read (a price that is no number, a date that is no date) is kept as a field error.
 */
record ResaleAuthorizationForm(Map<String, String> values, List<FieldError> unreadable) {

  /** How the form prices: a wholesale price per dimension, or a discount off the list prices. */
  enum PricingMode { WHOLESALE, DISCOUNT }

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
    boolean discount = choice("pricingMode", "pricing", PricingMode.class, PricingMode.WHOLESALE)
        == PricingMode.DISCOUNT;
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
    ResaleTerms.LegalDocument contract = get("contractType").isBlank() || "NONE".equals(get("contractType")) ? null
        : new ResaleTerms.LegalDocument(choice("contractType", "resellerContract.type", ResaleTerms.DocumentType.class,
            ResaleTerms.DocumentType.STANDARD), blankToNull("contractUrl"));
    return new ResaleTerms(blankToNull("productId"), get("resellerAccountId").strip(), get("name"),
        blankToNull("description"), "USD", pricing, List.of(), buyers,
        new ResaleTerms.Availability(choice("availabilityType", "availability.type",
            ResaleTerms.AvailabilityType.class, ResaleTerms.AvailabilityType.UNLIMITED),
            date("endsOn", "availability.endsOn")), "on".equals(get("renewal")),
        new ResaleTerms.LegalDocument(choice("eulaType", "eula.type", ResaleTerms.DocumentType.class,
            ResaleTerms.DocumentType.STANDARD), blankToNull("eulaUrl")), contract);
  }

  /**
   * A choice of the form: left out, the default; a value that is none of its options (a tampered or stale
   * form) is a field error naming them, so nothing is written.
   */
  private <E extends Enum<E>> E choice(String name, String field, Class<E> type, E fallback) {
    String v = get(name).strip();
    if (v.isEmpty()) {
      return fallback;
    }
    for (E option : type.getEnumConstants()) {
      if (option.name().equals(v)) {
        return option;
      }
    }
    unreadable.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
    return fallback;
  }

  private String blankToNull(String name) {
    return get(name).isBlank() ? null : get(name).strip();
  }

  private BigDecimal amount(String name, String field) {
    return read(name, field, BigDecimal::new, "must be a number such as 900.00");
  }

  private Integer integer(String name, String field) {
    return read(name, field, Integer::valueOf, "must be a whole number");
  }

  private LocalDate date(String name, String field) {
    return read(name, field, LocalDate::parse, "must be a date such as 2027-01-31");
  }

  /** A typed value: null when left blank, a field error (and null) when it does not read as its type. */
  private <T> T read(String name, String field, Function<String, T> parse, String problem) {
    try {
      return get(name).isBlank() ? null : parse.apply(get(name).strip());
    } catch (NumberFormatException | DateTimeParseException e) {
      unreadable.add(new FieldError(field, problem));
      return null;
    }
  }
}
