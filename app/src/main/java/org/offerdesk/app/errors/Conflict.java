package org.offerdesk.app.errors;

import java.util.List;

/**
 * The request is well formed but clashes with the current state: a stage that does not allow it, a
 * version someone else changed, an existing setup.
 */
public final class Conflict extends DomainException {

  public Conflict(String detail) {
    this(detail, List.of());
  }

  /** A conflict that lies in particular fields, such as terms frozen once an offer is on the marketplace. */
  public Conflict(String detail, List<FieldError> errors) {
    super(detail, errors);
  }
}
