package org.offerdesk.app.notifications;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One thing that happened, for the team of one organization (a seller's, or a reseller's for its own
 * partner offers).
 *
 * @param organizationId whose team hears of it
 * @param type decides who hears of it (by role) and which email template tells it
 * @param title one line, also the email's subject
 * @param summary a sentence or two; may be null
 * @param link a console path such as {@code "/orders/{id}"}; null, or anything but a path on this server,
 *     links to the notifications page instead
 * @param facts shown as a key/value list in the console and the email, in the map's order (pass a
 *     {@link java.util.LinkedHashMap} to choose it); null values are left out
 * @param dedupeKey required: the organization's notices with one key are one notice, ever, so a
 *     redelivered event notifies once (for example {@code "new-order:" + orderId})
 * @param addressees when not null, only these users of the type's audience are told (the approvers of an
 *     approval request); null tells the whole audience
 */
public record TeamNotice(UUID organizationId, NotificationType type, String title, String summary, String link,
    Map<String, String> facts, String dedupeKey, Set<UUID> addressees) {

  /** A notice for everyone in the type's audience. */
  public TeamNotice(UUID organizationId, NotificationType type, String title, String summary, String link,
      Map<String, String> facts, String dedupeKey) {
    this(organizationId, type, title, summary, link, facts, dedupeKey, null);
  }
}
