package org.offerdesk.app.notifications;

/**
 * What a team notification is about. Which roles hear of each type, what it is called and which email
 * template tells it are decided in one place inside this module; each user then chooses, per type, whether
 * to get it in the console and by email.
 */
public enum NotificationType {
  NEW_ORDER,
  REGISTRATION_COMPLETED,
  REGISTRATION_METADATA_MISSING,
  REGISTRATION_DEADLINE_NEAR,
  REGISTRATION_DEADLINE_PASSED,
  PARTNER_OFFER_EXTENDED,
  ORDER_CANCELLED,
  ORDER_ENDED,
  ORDER_AMENDED,
  OFFER_VIEWED,
  OFFER_EXPIRING,
  RESALE_AUTHORIZATION_RECEIVED,
  AGREEMENT_ENDING,
  PAYOUT_RECEIVED,
  INVOICE_OVERDUE,
  DISBURSEMENT_PROBLEM,
  FEE_MISMATCH,
  FINANCE_EXCEPTION_OPENED,
  APPROVAL_REQUESTED,
  APPROVAL_DECIDED
}
