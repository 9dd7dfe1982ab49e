package org.offerdesk.app.webhooks.internal;

/** What came of one HTTP attempt: the receiver's status and the start of its answer, or why there was none. */
record SendOutcome(Integer responseStatus, String responseExcerpt, String error, long durationMs) {

  boolean delivered() {
    return responseStatus != null && responseStatus >= 200 && responseStatus < 300;
  }

  String describe() {
    return responseStatus != null ? "HTTP " + responseStatus : error;
  }
}
