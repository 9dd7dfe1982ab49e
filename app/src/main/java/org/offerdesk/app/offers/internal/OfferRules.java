package org.offerdesk.app.offers.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.errors.FieldError;

/**
 * The rules an offer's terms must follow, the marketplace's (account IDs, currencies, decimals, the
 * payment schedule) and OfferDesk's own (the schedule adds up to the contract total). Each broken rule
 * names its field, so a person can fix them all at once.
 */
final class OfferRules {

  static final int MAX_BUYERS = 25;
  static final int MAX_INSTALLMENTS = 60;
  static final Set<String> CURRENCIES = Set.of("USD", "AUD", "EUR", "GBP", "JPY");
  /**
   * The latest date an offer may name. The marketplace takes plain YYYY-MM-DD dates; a far year such as
   * +999999999-12-31 passes JSON parsing but fails at publish, after the offer was saved, so it is
   * refused here with its field. No private offer needs to run past this century.
   */
  static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);
  static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
  private static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\\\<>]");

  private OfferRules() {}

  /** Everything wrong with the terms for a draft: structure, values, consistency. */
  static List<FieldError> check(OfferTerms t, Optional<Listing> listing, List<MetadataField> fields, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    if (blank(t.productId())) {
      errors.add(new FieldError("productId", "is required"));
    } else if (listing.isEmpty()) {
      errors.add(new FieldError("productId", "is not one of your listings (sync listings from the marketplace first)"));
    } else if (!listing.get().state().acceptsOffers()) {
      errors.add(new FieldError("productId", "is a " + listing.get().state()
          + " listing; offers can be made only on limited or public listings"));
    }
    checkNaming(t, errors);
    checkBuyers(t, errors);
    checkPricing(t, listing, errors);
    checkDuration(t, today, errors);
    checkExpiry(t, today, errors);
    checkSchedule(t, today, errors);
    if (t.eula().type() == null) {
      errors.add(new FieldError("eula.type", "must be STANDARD or CUSTOM"));
    } else if (t.eula().type() == OfferTerms.EulaType.CUSTOM
        && (t.eula().url() == null || !t.eula().url().matches("^https://\\S+$"))) {
      errors.add(new FieldError("eula.url", "must be an https URL to the custom EULA"));
    }
    if (t.refundPolicy() != null && t.refundPolicy().length() > 500) {
      errors.add(new FieldError("refundPolicy", "must be at most 500 characters"));
    }
    checkMetadata(t.metadata(), fields, false, errors);
    return errors;
  }

  /** What publishing needs on top: every required metadata field filled in. */
  static List<FieldError> checkForPublish(OfferTerms t, List<MetadataField> fields) {
    List<FieldError> errors = new ArrayList<>();
    checkMetadata(t.metadata(), fields, true, errors);
    return errors;
  }

  /** The offer's name and description, as the marketplace takes them. */
  static void checkNaming(OfferTerms t, List<FieldError> errors) {
    if (blank(t.name())) {
      errors.add(new FieldError("name", "is required"));
    } else if (t.name().length() > 150 || NAME_FORBIDDEN.matcher(t.name()).find()) {
      errors.add(new FieldError("name", "must be at most 150 characters without \\, < or >"));
    }
    if (t.description() != null && t.description().length() > 255) {
      errors.add(new FieldError("description", "must be at most 255 characters"));
    }
  }

  /** An expiry date the marketplace accepts: in the future, in this century. */
  static void checkExpiry(OfferTerms t, LocalDate today, List<FieldError> errors) {
    if (t.expiresOn() == null) {
      errors.add(new FieldError("expiresOn", "is required"));
    } else if (!t.expiresOn().isAfter(today)) {
      errors.add(new FieldError("expiresOn", "must be in the future"));
    } else if (t.expiresOn().isAfter(LATEST_DATE)) {
      errors.add(new FieldError("expiresOn", tooLate()));
    }
  }

  static void checkBuyers(OfferTerms t, List<FieldError> errors) {
    List<String> buyers = t.buyerAccountIds();
    if (buyers.isEmpty()) {
      errors.add(new FieldError("buyerAccountIds", "needs at least one buyer AWS account ID"));
    } else if (buyers.size() > MAX_BUYERS) {
      errors.add(new FieldError("buyerAccountIds", "can hold at most " + MAX_BUYERS + " accounts"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < buyers.size(); i++) {
      String id = buyers.get(i);
      if (id == null || !ACCOUNT.matcher(id).matches()) {
        errors.add(new FieldError("buyerAccountIds[" + i + "]", "must be a 12-digit AWS account ID"));
      } else if (!seen.add(id)) {
        errors.add(new FieldError("buyerAccountIds[" + i + "]", "is listed twice"));
      }
    }
  }

  private static void checkPricing(OfferTerms t, Optional<Listing> listing, List<FieldError> errors) {
    if (t.currency() == null || !CURRENCIES.contains(t.currency())) {
      errors.add(new FieldError("currency", "must be one of " + CURRENCIES.stream().sorted().toList()));
    } else if (t.pricingModel() == OfferTerms.PricingModel.USAGE && !"USD".equals(t.currency())) {
      errors.add(new FieldError("currency", "must be USD for usage pricing"));
    }
    if (t.dimensions().isEmpty()) {
      errors.add(new FieldError("dimensions", "needs at least one priced dimension"));
    }
    Set<String> keys = new HashSet<>();
    int maxDecimals = t.pricingModel() == OfferTerms.PricingModel.USAGE ? 8 : 3;
    for (int i = 0; i < t.dimensions().size(); i++) {
      OfferTerms.PricedDimension d = t.dimensions().get(i);
      String at = "dimensions[" + i + "]";
      if (blank(d.key())) {
        errors.add(new FieldError(at + ".key", "is required"));
      } else if (!keys.add(d.key())) {
        errors.add(new FieldError(at + ".key", "is priced twice"));
      } else if (listing.isPresent() && listing.get().dimension(d.key()).isEmpty()) {
        errors.add(new FieldError(at + ".key", "is not a dimension of the listing (it has "
            + listing.get().dimensions().stream().map(Listing.Dimension::key).toList() + ")"));
      }
      if (t.pricingModel() == OfferTerms.PricingModel.CONTRACT) {
        if (d.quantity() == null || d.quantity() < 1) {
          errors.add(new FieldError(at + ".quantity", "must be a whole number of at least 1"));
        } else if (d.quantity() > 1_000_000_000L) {
          errors.add(new FieldError(at + ".quantity", "is too large"));
        }
      }
      if (d.unitPrice() == null) {
        errors.add(new FieldError(at + ".unitPrice", "is required"));
      } else if (d.unitPrice().signum() < 0) {
        errors.add(new FieldError(at + ".unitPrice", "must not be negative"));
      } else if (Math.max(d.unitPrice().stripTrailingZeros().scale(), 0) > maxDecimals) {
        errors.add(new FieldError(at + ".unitPrice", "must have at most " + maxDecimals + " decimals"));
      }
    }
  }

  private static void checkDuration(OfferTerms t, LocalDate today, List<FieldError> errors) {
    boolean months = t.durationMonths() != null;
    boolean dates = t.serviceStartDate() != null || t.serviceEndDate() != null;
    if (months && dates) {
      errors.add(new FieldError("durationMonths", "give either a duration or service start and end dates, not both"));
    } else if (!months && !dates) {
      errors.add(new FieldError("durationMonths", "is required (or service start and end dates)"));
    } else if (months && (t.durationMonths() < 1 || t.durationMonths() > 60)) {
      errors.add(new FieldError("durationMonths", "must be between 1 and 60"));
    } else if (dates) {
      if (t.serviceStartDate() == null) {
        errors.add(new FieldError("serviceStartDate", "is required with a service end date"));
      } else if (t.serviceStartDate().isBefore(today)) {
        errors.add(new FieldError("serviceStartDate", "must not be in the past"));
      } else if (t.serviceStartDate().isAfter(LATEST_DATE)) {
        errors.add(new FieldError("serviceStartDate", tooLate()));
      }
      if (t.serviceEndDate() == null) {
        errors.add(new FieldError("serviceEndDate", "is required with a service start date"));
      } else if (t.serviceStartDate() != null && !t.serviceEndDate().isAfter(t.serviceStartDate())) {
        errors.add(new FieldError("serviceEndDate", "must be after the service start date"));
      } else if (t.serviceEndDate().isAfter(LATEST_DATE)) {
        errors.add(new FieldError("serviceEndDate", tooLate()));
      }
    }
  }

  private static void checkSchedule(OfferTerms t, LocalDate today, List<FieldError> errors) {
    List<OfferTerms.Installment> schedule = t.paymentSchedule();
    if (schedule.isEmpty()) {
      return;
    }
    if (t.pricingModel() == OfferTerms.PricingModel.USAGE) {
      errors.add(new FieldError("paymentSchedule", "applies only to contract pricing"));
      return;
    }
    if (schedule.size() > MAX_INSTALLMENTS) {
      errors.add(new FieldError("paymentSchedule", "can hold at most " + MAX_INSTALLMENTS + " installments"));
    }
    LocalDate previous = null;
    int onOrBeforeExpiry = 0;
    boolean amountsValid = true;
    for (int i = 0; i < schedule.size(); i++) {
      OfferTerms.Installment inst = schedule.get(i);
      String at = "paymentSchedule[" + i + "]";
      if (inst.dueOn() == null) {
        errors.add(new FieldError(at + ".dueOn", "is required"));
      } else {
        if (inst.dueOn().isBefore(today)) {
          errors.add(new FieldError(at + ".dueOn", "must not be in the past"));
        } else if (inst.dueOn().isAfter(LATEST_DATE)) {
          errors.add(new FieldError(at + ".dueOn", tooLate()));
        }
        if (previous != null && !inst.dueOn().isAfter(previous)) {
          errors.add(new FieldError(at + ".dueOn", "must come after the previous installment"));
        }
        if (t.expiresOn() != null && !inst.dueOn().isAfter(t.expiresOn())) {
          onOrBeforeExpiry++;
        }
        previous = inst.dueOn();
      }
      if (inst.amount() == null || inst.amount().signum() <= 0) {
        errors.add(new FieldError(at + ".amount", "must be more than zero"));
        amountsValid = false;
      } else if (Math.max(inst.amount().stripTrailingZeros().scale(), 0) > 2) {
        errors.add(new FieldError(at + ".amount", "must have at most 2 decimals"));
        amountsValid = false;
      }
    }
    if (onOrBeforeExpiry > 1) {
      errors.add(new FieldError("paymentSchedule",
          "at most one installment may be due on or before the offer's expiry date (" + t.expiresOn() + ")"));
    }
    if (amountsValid && t.currency() != null && CURRENCIES.contains(t.currency())) {
      Optional<Money> total = t.contractTotal();
      Optional<Money> sum = t.scheduledTotal();
      if (total.isPresent() && sum.isPresent() && !sum.get().equals(total.get())) {
        errors.add(new FieldError("paymentSchedule", "installments add up to " + sum.get().plain()
            + " but the contract total is " + total.get()));
      }
    }
  }

  private static void checkMetadata(OfferTerms.Metadata metadata, List<MetadataField> fields, boolean requireAll,
      List<FieldError> errors) {
    for (MetadataGroup group : MetadataGroup.values()) {
      Map<String, Object> values = metadata.group(group);
      String prefix = "metadata." + group.name().toLowerCase() + ".";
      List<MetadataField> defined = fields.stream().filter(f -> f.group() == group).toList();
      for (String key : values.keySet()) {
        if (defined.stream().noneMatch(f -> f.key().equals(key))) {
          errors.add(new FieldError(prefix + key, "is not a field your admin defined for "
              + group.name().toLowerCase() + " metadata"));
        }
      }
      for (MetadataField f : defined) {
        Object value = values.get(f.key());
        boolean empty = value == null || (value instanceof String s && s.isBlank());
        if (empty) {
          if (requireAll && f.required()) {
            errors.add(new FieldError(prefix + f.key(), "is required (" + f.label() + ")"));
          }
          continue;
        }
        String problem = typeProblem(f.type(), value);
        if (problem != null) {
          errors.add(new FieldError(prefix + f.key(), problem));
        }
      }
    }
  }

  private static String typeProblem(MetadataField.Type type, Object value) {
    return switch (type) {
      case TEXT -> value instanceof String s && s.length() <= 1000 ? null : "must be text of at most 1000 characters";
      case NUMBER -> value instanceof Number || (value instanceof String s && s.matches("^-?[0-9]+(\\.[0-9]+)?$"))
          ? null : "must be a number";
      case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
      case EMAIL -> value instanceof String s && EmailAddress.valid(s) ? null : EmailAddress.INVALID;
      case DATE -> {
        try {
          LocalDate.parse(String.valueOf(value));
          yield null;
        } catch (DateTimeParseException e) {
          yield "must be a date like 2027-01-31";
        }
      }
    };
  }

  private static String tooLate() {
    return "must be on or before " + LATEST_DATE;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
