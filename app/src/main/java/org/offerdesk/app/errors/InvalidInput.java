package org.offerdesk.app.errors;

import java.util.List;

/** One or more fields are missing or wrong; {@link #errors()} lists each with what is wrong with it. */
public sealed class InvalidInput extends DomainException permits AddressRefused {

  public InvalidInput(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  /** @param errors at least one; the message names the field when there is one, else counts them */
  public InvalidInput(List<FieldError> errors) {
    super(errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid", errors);
  }
}
