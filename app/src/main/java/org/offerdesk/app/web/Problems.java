package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
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
    return of(problem.type(), problem.getMessage(), problem.errors(), instance);
  }

  /** A capability's refusal, as the problem type its kind maps to. */
  public static ProblemDetail of(DomainException problem, String instance) {
    return of(ProblemType.of(problem), problem.getMessage(), problem.errors(), instance);
  }

  public static ProblemDetail validation(List<FieldError> errors, String instance) {
    return of(new InvalidInput(errors), instance);
  }

  private static ProblemDetail of(ProblemType type, String detail, List<FieldError> errors, String instance) {
    ProblemDetail pd = of(type, detail, instance);
    if (!errors.isEmpty()) {
      pd.setProperty("errors", errors);
    }
    return pd;
  }

  /** For filters and security handlers that answer before any controller runs. */
  public static void write(HttpServletResponse response, ObjectMapper mapper, HttpServletRequest request,
      ProblemType type, String detail) throws IOException {
    ProblemDetail pd = of(type, detail, request.getRequestURI());
    response.setStatus(type.status().value());
    response.setContentType(PROBLEM_JSON.toString());
    mapper.writeValue(response.getOutputStream(), pd);
  }

  /** 401 from a security filter or entry point; the caller sets {@code WWW-Authenticate}. */
  public static void unauthenticated(HttpServletResponse response, ObjectMapper mapper, HttpServletRequest request,
      String detail) throws IOException {
    write(response, mapper, request, ProblemType.UNAUTHENTICATED, detail);
  }

  /** 403 from a security filter or access-denied handler. */
  public static void forbidden(HttpServletResponse response, ObjectMapper mapper, HttpServletRequest request,
      String detail) throws IOException {
    write(response, mapper, request, ProblemType.FORBIDDEN, detail);
  }

  /** 429 from a rate-limiting filter; the caller sets {@code Retry-After}. */
  public static void tooManyRequests(HttpServletResponse response, ObjectMapper mapper, HttpServletRequest request,
      String detail) throws IOException {
    write(response, mapper, request, ProblemType.TOO_MANY_REQUESTS, detail);
  }
}
