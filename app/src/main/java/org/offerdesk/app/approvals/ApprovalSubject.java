package org.offerdesk.app.approvals;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.money.Money;

/**
 * Something that may need approval before it is published, as the module that owns it describes it: what
 * the rules evaluate ({@code facts}) and the current values of the fields they read ({@code watched}, keyed by
 * the constants below, each value any text that changes when the field does).
 *
 * @param link the console path of the subject, such as {@code /offers/{id}}
 * @param owner who owns it (the offer's owner), shown to approvers
 */
public record ApprovalSubject(UUID organizationId, SubjectType type, UUID id, String title, String link,
    String owner, Facts facts, Map<String, String> watched) {

  public static final String PRODUCT = "productId";
  public static final String PRICING = "dimensions";
  public static final String DURATION = "durationMonths";
  public static final String SCHEDULE = "paymentSchedule";
  public static final String EULA = "eula";
  public static final String RESALE_TERMS = "resaleTerms";

  public ApprovalSubject {
    watched = Map.copyOf(watched);
  }

  /** What can need approval. */
  public enum SubjectType { OFFER, RESALE_AUTHORIZATION }

  /**
   * What the rules look at. {@code contractValue} and {@code durationMonths} are null when unknown;
   * {@code discount} is null when the subject has no discount to speak of (a resale authorization).
   */
  public record Facts(Money contractValue, Discount discount, boolean customEula, int installments,
      Integer durationMonths, boolean resaleGrant) {

    /** A resale authorization: a grant to a partner, which only the RESALE_AUTHORIZATION rule looks at. */
    public static Facts ofResaleGrant() {
      return new Facts(null, null, false, 0, null, true);
    }
  }

  /**
   * The discount off the listing's list prices for the same quantities and duration: {@code percent} of
   * {@code listValue}; or, when the list prices cannot be read, why not ({@code unknownBecause}).
   */
  public record Discount(BigDecimal percent, Money listValue, String unknownBecause) {

    public static Discount unknown(String because) {
      return new Discount(null, null, because);
    }

    public boolean known() {
      return percent != null;
    }
  }
}
