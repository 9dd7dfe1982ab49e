package org.offerdesk.app.notifications.internal;

import static org.offerdesk.app.identity.Role.ADMIN;
import static org.offerdesk.app.identity.Role.FINANCE;
import static org.offerdesk.app.identity.Role.PARTNER_ADMIN;
import static org.offerdesk.app.identity.Role.PARTNER_SALES;
import static org.offerdesk.app.identity.Role.SALES;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.notifications.NotificationType;

/**
 * For each notification type, in this one place: which roles hear of it (before each user's own
 * preferences), what people call it, and which email template tells it. The switches are exhaustive, so a
 * new type cannot ship without a decision on each.
 */
final class NoticeRules {

  private NoticeRules() {}

  /** The roles whose active users are told of a type, unless they turned it off. */
  static Set<Role> audience(NotificationType type) {
    return switch (type) {
      case NEW_ORDER, ORDER_CANCELLED, ORDER_ENDED, ORDER_AMENDED ->
          EnumSet.of(ADMIN, SALES, FINANCE, PARTNER_ADMIN, PARTNER_SALES);
      case REGISTRATION_COMPLETED, REGISTRATION_METADATA_MISSING, REGISTRATION_DEADLINE_NEAR,
          REGISTRATION_DEADLINE_PASSED, OFFER_VIEWED, OFFER_EXPIRING, AGREEMENT_ENDING ->
          EnumSet.of(ADMIN, SALES, PARTNER_ADMIN, PARTNER_SALES);
      // A reseller's offer on the seller's product: news for the seller, not for the reseller who made it.
      case PARTNER_OFFER_EXTENDED -> EnumSet.of(ADMIN, SALES);
      // An ISV shared an authorization with a reseller: news for the reseller's team alone.
      case RESALE_AUTHORIZATION_RECEIVED -> EnumSet.of(PARTNER_ADMIN, PARTNER_SALES);
      // Money: the finance team's, and the admins'.
      case PAYOUT_RECEIVED, INVOICE_OVERDUE, DISBURSEMENT_PROBLEM, FEE_MISMATCH, FINANCE_EXCEPTION_OPENED ->
          EnumSet.of(ADMIN, FINANCE, PARTNER_ADMIN);
      // Addressed to the request's approvers and to whoever submitted it, whatever their role.
      case APPROVAL_REQUESTED, APPROVAL_DECIDED -> EnumSet.of(ADMIN, SALES, FINANCE, PARTNER_ADMIN, PARTNER_SALES);
    };
  }

  /** The types a role hears of, in the enum's order: the rows of that user's preferences grid. */
  static List<NotificationType> typesFor(Role role) {
    return Arrays.stream(NotificationType.values()).filter(t -> audience(t).contains(role)).toList();
  }

  /** What people call a type, and when a user would want it (shown under the type on the preferences page). */
  record Wording(String label, String description) {}

  static Wording wording(NotificationType type) {
    return switch (type) {
      case NEW_ORDER -> new Wording("New order",
          "A buyer accepted an offer or subscribed to a listing.");
      case REGISTRATION_COMPLETED -> new Wording("Registration completed",
          "A buyer registered, or OfferDesk registered the order from the offer's metadata.");
      case REGISTRATION_METADATA_MISSING -> new Wording("Registration details missing",
          "An order could not be registered automatically: details to fill in.");
      case REGISTRATION_DEADLINE_NEAR -> new Wording("Registration deadline near",
          "An unregistered buyer must be identified soon.");
      case REGISTRATION_DEADLINE_PASSED -> new Wording("Registration deadline passed",
          "The deadline to identify a buyer passed: cancelling and refunding is advised.");
      case PARTNER_OFFER_EXTENDED -> new Wording("Partner offer extended",
          "A reseller released an offer on one of your products.");
      case ORDER_CANCELLED -> new Wording("Order cancelled",
          "An agreement was cancelled.");
      case ORDER_ENDED -> new Wording("Order ended",
          "An agreement ended or was replaced.");
      case ORDER_AMENDED -> new Wording("Order amended",
          "An amendment replaced an agreement.");
      case OFFER_VIEWED -> new Wording("Offer viewed",
          "A buyer opened an offer's purchase instructions.");
      case OFFER_EXPIRING -> new Wording("Offer about to expire",
          "An offer that was not accepted is about to expire: a week and a day before.");
      case AGREEMENT_ENDING -> new Wording("Agreement ending",
          "An agreement that is not renewed yet ends in 90, 60 or 30 days.");
      case RESALE_AUTHORIZATION_RECEIVED -> new Wording("Resale authorization received",
          "An ISV authorized you to resell one of its products: an opportunity to build a partner offer on.");
      case PAYOUT_RECEIVED -> new Wording("Payout received",
          "The marketplace paid money out to your bank account.");
      case INVOICE_OVERDUE -> new Wording("Invoice overdue",
          "A buyer did not pay an invoice by its due date.");
      case DISBURSEMENT_PROBLEM -> new Wording("Disbursement paused or failed",
          "A payout failed, or payouts are paused (for example an invalid bank account).");
      case FEE_MISMATCH -> new Wording("Listing fee mismatch",
          "The marketplace charged a listing fee other than its rules give.");
      case FINANCE_EXCEPTION_OPENED -> new Wording("Finance exception",
          "Something in the ledger needs a person: an unknown agreement, a payout that does not add up.");
      case APPROVAL_REQUESTED -> new Wording("Approval requested",
          "A rep submitted an offer that an approval rule names you to approve.");
      case APPROVAL_DECIDED -> new Wording("Approval decided",
          "An offer you submitted for approval was approved or rejected.");
    };
  }

  static String label(NotificationType type) {
    return wording(type).label();
  }

  /** The email template: {@code team-new-order} and so on, under {@code templates/mail/}. */
  static String template(NotificationType type) {
    return "team-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
