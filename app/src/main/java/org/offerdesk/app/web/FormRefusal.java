package org.offerdesk.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;

/**
 * A console form the service refused: the page is shown again with the status the API would answer and
 * each field's messages (joined when a field has several). What does not exist still answers the 404 page.
 */
public final class FormRefusal {

  private FormRefusal() {}

  /** Sets the response's status and answers field → message; rethrows {@link NotFound}. */
  public static Map<String, String> fieldErrors(DomainException e, HttpServletResponse response) {
    if (e instanceof NotFound) {
      throw e;
    }
    response.setStatus(ProblemType.of(e).status().value());
    Map<String, String> errors = new LinkedHashMap<>();
    e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
    return errors;
  }
}
