package org.offerdesk.app.errors;

import java.util.List;

/**
 * A request a capability refuses, for a reason its caller can act on. The message is the whole
 * explanation (it becomes the problem's {@code detail}); {@link #errors()} names the offending fields, if
 * any. Throw one of the four kinds, never this type.
 */
public abstract sealed class DomainException extends RuntimeException
    permits NotFound, Conflict, InvalidInput, MarketplaceRefused {

  private final List<FieldError> errors;

  DomainException(String detail, List<FieldError> errors) {
    super(detail);
    this.errors = List.copyOf(errors);
  }

  /** The fields that are wrong, each with what is wrong; empty when the error is about the whole request. */
  public List<FieldError> errors() {
    return errors;
  }
}
