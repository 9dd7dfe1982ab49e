package org.offerdesk.app.notifications;

import java.util.UUID;

/**
 * Queues email. Call it inside the transaction of the business change that causes the email: the email
 * exists if and only if that transaction commits. It is rendered now, so what is stored is exactly what
 * is sent, and delivered after commit by a durable job that retries with backoff and parks the email for
 * an admin when it keeps failing; sending never blocks or rolls back the business change. With no SMTP
 * server configured, the email is kept in the outbox only, for admins to read.
 */
public interface Emails {

  /**
   * Queues an email and returns its ID. With a dedupe key the organization already used, queues nothing
   * and returns the ID of the email queued first.
   *
   * @throws org.offerdesk.app.errors.InvalidInput when a recipient is not an email address
   * @throws IllegalArgumentException when the template does not exist or does not render with the model
   */
  UUID queue(OutgoingEmail email);
}
