package org.offerdesk.app.marketplace;

/**
 * The marketplace answered a call with an error: its HTTP status and, when it sent them, its own error
 * code and message. The message is the marketplace's full text, as the SDK reported it.
 */
public class MarketplaceRejection extends RuntimeException {

  private final int status;
  private final boolean throttled;
  private final boolean detailed;
  private final String errorCode;
  private final String errorMessage;

  /**
   * {@code detailed} tells whether the marketplace named an error at all ({@code errorCode} and
   * {@code errorMessage} may still be null when it did).
   */
  public MarketplaceRejection(String message, int status, boolean throttled, boolean detailed, String errorCode,
      String errorMessage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.throttled = throttled;
    this.detailed = detailed;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  public int status() {
    return status;
  }

  /** The marketplace's error code, or {@code fallback} when it named none. */
  public String codeOr(String fallback) {
    return detailed ? errorCode : fallback;
  }

  /** The marketplace's own message, or the whole text when it named no error. */
  public String detail() {
    return detailed ? errorMessage : getMessage();
  }

  /** Worth trying again later: throttled, busy (423, 429) or failing on its side (5xx). */
  public boolean retryable() {
    return throttled || status >= 500 || status == 423 || status == 429;
  }

  /**
   * The entity asked for does not exist or belongs to someone else. Not a plain 403: bad credentials
   * (UnrecognizedClient, InvalidSignature) are the seller's to fix.
   */
  public boolean unknownOrNotOurs() {
    String code = !detailed || errorCode == null ? "" : errorCode;
    return status == 404 || code.startsWith("AccessDenied") || code.startsWith("ResourceNotFound");
  }

  /** The error code is {@code code} (such as "ExpiredTokenException"). */
  public boolean is(String code) {
    return detailed && code.equals(errorCode);
  }
}
