package org.offerdesk.app.partners.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.listings.Listing;

/**
 * What a resale authorization must be before it is saved, checked as the marketplace would: every error
 * names its field, and nothing is written while one remains.
 */
final class ResaleAuthorizationRules {

  private static final String ACCOUNT = "\\d{12}";

  private ResaleAuthorizationRules() {}

  static void check(ResaleTerms t, Optional<Listing> listing, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    if (blank(t.productId())) {
      errors.add(new FieldError("productId", "is required"));
    } else if (listing.isEmpty()) {
      errors.add(new FieldError("productId", "is not one of your listings"));
    } else if (!listing.get().state().acceptsOffers()) {
      errors.add(new FieldError("productId", "is " + listing.get().state() + ": only LIMITED or PUBLIC listings "
          + "can be resold"));
    }
    if (t.resellerAccountId() == null || !t.resellerAccountId().matches(ACCOUNT)) {
      errors.add(new FieldError("resellerAccountId", "must be a 12-digit AWS account ID"));
    }
    if (blank(t.name()) || t.name().strip().length() > 100) {
      errors.add(new FieldError("name", "is required, up to 100 characters"));
    }
    if (t.description() != null && t.description().length() > 255) {
      errors.add(new FieldError("description", "must be at most 255 characters"));
    }
    if (!"USD".equals(t.currency())) {
      errors.add(new FieldError("currency", "must be USD: the marketplace grants resale authorizations in USD only"));
    }
    pricing(t, listing, errors);
    installments(t, today, errors);
    for (int i = 0; i < t.buyerAccountIds().size(); i++) {
      String buyer = t.buyerAccountIds().get(i);
      if (buyer == null || !buyer.matches(ACCOUNT)) {
        errors.add(new FieldError("buyerAccountIds[" + i + "]", "must be a 12-digit AWS account ID"));
      } else if (buyer.equals(t.resellerAccountId())) {
        errors.add(new FieldError("buyerAccountIds[" + i + "]", "is the reseller's own account"));
      }
    }
    if (t.buyerAccountIds().size() > 25) {
      errors.add(new FieldError("buyerAccountIds", "may name at most 25 accounts"));
    }
    availability(t, today, errors);
    document("eula", t.eula(), errors);
    if (t.resellerContract() != null) {
      document("resellerContract", t.resellerContract(), errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
  }

  private static void pricing(ResaleTerms t, Optional<Listing> listing, List<FieldError> errors) {
    ResaleTerms.Pricing p = t.pricing();
    if (p == null) {
      errors.add(new FieldError("pricing", "is required: a duration and wholesale prices or a discount percent"));
      return;
    }
    if (p.durationMonths() == null || p.durationMonths() < 1 || p.durationMonths() > 60) {
      errors.add(new FieldError("pricing.durationMonths", "must be from 1 to 60 months"));
    }
    if (p.byDiscount() == !p.dimensions().isEmpty()) {
      errors.add(new FieldError("pricing", "give either dimensions with wholesale prices or a discountPercent"));
      return;
    }
    if (p.byDiscount()) {
      if (p.discountPercent().signum() <= 0 || p.discountPercent().compareTo(BigDecimal.valueOf(100)) >= 0) {
        errors.add(new FieldError("pricing.discountPercent", "must be more than 0 and less than 100"));
      }
      if (!t.installments().isEmpty()) {
        errors.add(new FieldError("installments", "need wholesale prices per dimension, not a discount"));
      }
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < p.dimensions().size(); i++) {
      ResaleTerms.WholesaleDimension d = p.dimensions().get(i);
      String field = "pricing.dimensions[" + i + "]";
      if (blank(d.key())) {
        errors.add(new FieldError(field + ".key", "is required"));
      } else if (!seen.add(d.key())) {
        errors.add(new FieldError(field + ".key", "is priced twice"));
      } else if (listing.isPresent() && listing.get().dimension(d.key()).filter(Listing.Dimension::isContract)
          .isEmpty()) {
        errors.add(new FieldError(field + ".key", "is not a contract dimension of the product"));
      }
      if (d.wholesalePrice() == null || d.wholesalePrice().signum() < 0 || d.wholesalePrice().scale() > 3) {
        errors.add(new FieldError(field + ".wholesalePrice", "must be an amount of at least 0, up to 3 decimals"));
      }
    }
  }

  private static void installments(ResaleTerms t, LocalDate today, List<FieldError> errors) {
    if (t.installments().isEmpty()) {
      return;
    }
    if (t.installments().size() > 60) {
      errors.add(new FieldError("installments", "may have at most 60 payments"));
    }
    if (t.availability().type() != ResaleTerms.AvailabilityType.SINGLE_USE || t.availability().endsOn() == null) {
      errors.add(new FieldError("availability", "an installment plan needs a single-use authorization with an end "
          + "date"));
    }
    for (int i = 0; i < t.installments().size(); i++) {
      ResaleTerms.Installment in = t.installments().get(i);
      if (in.dueOn() == null || in.dueOn().isBefore(today)) {
        errors.add(new FieldError("installments[" + i + "].dueOn", "must be today or later"));
      }
      if (in.amount() == null || in.amount().signum() <= 0 || in.amount().scale() > 2) {
        errors.add(new FieldError("installments[" + i + "].amount", "must be more than 0, up to 2 decimals"));
      }
    }
  }

  private static void availability(ResaleTerms t, LocalDate today, List<FieldError> errors) {
    ResaleTerms.Availability a = t.availability();
    if (a.type() == null) {
      errors.add(new FieldError("availability.type", "must be SINGLE_USE, UNTIL_DATE or UNLIMITED"));
      return;
    }
    if (a.type() == ResaleTerms.AvailabilityType.UNTIL_DATE && a.endsOn() == null) {
      errors.add(new FieldError("availability.endsOn", "is required until a date"));
    }
    if (a.type() == ResaleTerms.AvailabilityType.UNLIMITED && a.endsOn() != null) {
      errors.add(new FieldError("availability.endsOn", "must be empty: an unlimited authorization has no end date"));
    }
    if (a.endsOn() != null && !a.endsOn().isAfter(today)) {
      errors.add(new FieldError("availability.endsOn", "must be after today"));
    }
  }

  private static void document(String field, ResaleTerms.LegalDocument d, List<FieldError> errors) {
    if (d.type() == null) {
      errors.add(new FieldError(field + ".type", "must be STANDARD or CUSTOM"));
    } else if (d.type() == ResaleTerms.DocumentType.CUSTOM
        && (d.url() == null || !d.url().matches("https?://\\S{3,2040}"))) {
      errors.add(new FieldError(field + ".url", "must be the http(s) address of the document"));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
