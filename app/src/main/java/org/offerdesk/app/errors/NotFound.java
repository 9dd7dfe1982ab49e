package org.offerdesk.app.errors;

import java.util.List;

/** Nothing with that identifier exists for the caller's organization (another tenant's data included). */
public final class NotFound extends DomainException {

  /** @param what what was looked for, such as {@code "Offer 42"}: the message reads "Offer 42 was not found" */
  public NotFound(String what) {
    super(what + " was not found", List.of());
  }
}
