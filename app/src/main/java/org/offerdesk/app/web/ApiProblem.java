package org.offerdesk.app.web;

import java.util.List;
import org.offerdesk.app.errors.FieldError;

/**
 * An HTTP-level problem a controller raises itself, such as a body that is not the JSON object an
 * endpoint reads. Business refusals are not this: services throw {@link org.offerdesk.app.errors}'s
 * exceptions, which {@link ProblemHandling} maps to their problem types.
 */
public class ApiProblem extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;

  public ApiProblem(ProblemType type, String detail) {
    this(type, detail, List.of());
  }

  public ApiProblem(ProblemType type, String detail, List<FieldError> errors) {
    super(detail);
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
