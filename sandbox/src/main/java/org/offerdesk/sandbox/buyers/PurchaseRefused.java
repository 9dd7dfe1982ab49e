package org.offerdesk.sandbox.buyers;

/** A buyer's acceptance or subscription the marketplace refuses; nothing was changed. */
public class PurchaseRefused extends RuntimeException {

  private final int status;
  private final String code;

  PurchaseRefused(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
