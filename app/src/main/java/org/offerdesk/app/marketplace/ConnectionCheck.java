package org.offerdesk.app.marketplace;

/** The outcome of trying a connection, with what is wrong in words a seller can act on. */
public record ConnectionCheck(boolean ok, Problem problem, String message) {

  /** What kind of thing is wrong. */
  public enum Problem {
    NONE,
    NOT_CONFIGURED,
    BAD_CREDENTIALS,
    UNREACHABLE,
    MISSING_PERMISSION,
    THROTTLED,
    OTHER
  }

  public static ConnectionCheck success(String message) {
    return new ConnectionCheck(true, Problem.NONE, message);
  }

  public static ConnectionCheck failure(Problem problem, String message) {
    return new ConnectionCheck(false, problem, message);
  }
}
