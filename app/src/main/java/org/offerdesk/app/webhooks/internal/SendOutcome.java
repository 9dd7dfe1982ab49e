package org.offerdesk.app.webhooks.internal;

/**
 * What came of one HTTP attempt: the receiver's status and the start of its answer, or why there was none.
 * {@code refused} means OfferDesk would not connect to the endpoint's address at all: trying again cannot help.
 */
record SendOutcome(Integer responseStatus, String responseExcerpt, String error, long durationMs, boolean refused) {

  SendOutcome(Integer responseStatus, String responseExcerpt, String error, long durationMs) {
    this(responseStatus, responseExcerpt, error, durationMs, false);
  }

  static SendOutcome refused(String error, long durationMs) {
    return new SendOutcome(null, null, error, durationMs, true);
  }

  boolean delivered() {
    return responseStatus != null && responseStatus >= 200 && responseStatus < 300;
  }

  String describe() {
    return responseStatus != null ? "HTTP " + responseStatus : error;
  }
}
