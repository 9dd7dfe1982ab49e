package org.offerdesk.app.web;

import java.util.List;

/**
 * A business error a capability raises for the API to answer as problem+json. Capabilities throw the
 * subclasses; {@link ProblemHandling} turns them into responses.
 */
public class ApiProblem extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;

  /** One offending field: its JSON path and what is wrong with it. */
  public record FieldError(String field, String message) {}

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

  public static ApiProblem notFound(String what) {
    return new ApiProblem(ProblemType.NOT_FOUND, what + " was not found");
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(ProblemType.CONFLICT, detail);
  }

  public static ApiProblem invalid(String field, String message) {
    return new ApiProblem(ProblemType.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
  }

  public static ApiProblem invalid(List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ApiProblem(ProblemType.VALIDATION, detail, errors);
  }
}
