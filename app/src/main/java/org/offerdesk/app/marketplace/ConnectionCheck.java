package org.offerdesk.app.marketplace;

/**
 * The outcome of trying a connection, with what is wrong in words a seller can act on, and the identity
 * the marketplace reported for the credentials ({@code account}, {@code arn}; null when it did not answer).
 */
public record ConnectionCheck(boolean ok, Problem problem, String message, String account, String arn) {

  /** What kind of thing is wrong. */
  public enum Problem {
    NONE,
    NOT_CONFIGURED,
    BAD_CREDENTIALS,
    UNREACHABLE,
    MISSING_PERMISSION,
    THROTTLED,
    /** The credentials belong to another account than the connection names. */
    WRONG_ACCOUNT,
    /** Another organization owns the marketplace account. */
    ACCOUNT_IN_USE,
    OTHER
  }

  public static ConnectionCheck success(String message, String account, String arn) {
    return new ConnectionCheck(true, Problem.NONE, message, account, arn);
  }

  public static ConnectionCheck failure(Problem problem, String message) {
    return new ConnectionCheck(false, problem, message, null, null);
  }

  public static ConnectionCheck failure(Problem problem, String message, String account, String arn) {
    return new ConnectionCheck(false, problem, message, account, arn);
  }
}
