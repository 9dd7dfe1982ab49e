package org.offerdesk.app.jobs;

/**
 * What the worker needs to know of a kind of job before running it: its name, whether its handler calls
 * out (and so runs outside a transaction, see {@link JobHandler#callsOut()}), and how many attempts it
 * gets before it is parked.
 */
public record JobKind(String name, boolean callsOut, int maxAttempts) {

  /** A kind whose handler talks to the outside world (HTTP, SMTP, the marketplace). */
  public static JobKind callingOut(String name, int maxAttempts) {
    return new JobKind(name, true, maxAttempts);
  }
}
