package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds and writes RFC 9457 problem documents the same way everywhere. */
public final class Problems {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, String instance) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(type.status(), detail);
    pd.setType(type.uri());
    pd.setTitle(type.title());
    if (instance != null) {
      pd.setInstance(URI.create(instance));
    }
    return pd;
  }

  public static ProblemDetail of(ApiProblem problem, String instance) {
    ProblemDetail pd = of(problem.type(), problem.getMessage(), instance);
    if (!problem.errors().isEmpty()) {
      pd.setProperty("errors", problem.errors());
    }
    return pd;
  }

  public static ProblemDetail validation(List<ApiProblem.FieldError> errors, String instance) {
    return of(ApiProblem.invalid(errors), instance);
  }

  /** For filters and security handlers that answer before any controller runs. */
  public static void write(HttpServletResponse response, ObjectMapper mapper, HttpServletRequest request,
      ProblemType type, String detail) throws IOException {
    ProblemDetail pd = of(type, detail, request.getRequestURI());
    response.setStatus(type.status().value());
    response.setContentType(PROBLEM_JSON.toString());
    mapper.writeValue(response.getOutputStream(), pd);
  }
}
