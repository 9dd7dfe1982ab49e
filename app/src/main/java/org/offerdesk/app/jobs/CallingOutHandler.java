package org.offerdesk.app.jobs;

/**
 * A {@link JobHandler} that talks to the outside world (HTTP, SMTP, the marketplace): the worker runs it
 * outside any transaction, and it commits its own database work, each piece in a transaction that holds no
 * network call (see {@link JobHandler}).
 */
public interface CallingOutHandler extends JobHandler {

  @Override
  default boolean callsOut() {
    return true;
  }
}
