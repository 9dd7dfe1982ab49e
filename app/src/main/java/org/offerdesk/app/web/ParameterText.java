package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.errors.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link InputText} to every query and form parameter (names and values) of every request, in
 * one place: the API answers a 400 problem naming the parameter, the console a plain 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ParameterText extends OncePerRequestFilter {

  private final ObjectMapper mapper;

  ParameterText(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refused = refusedParameter(request.getParameterMap());
    if (refused == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!request.getRequestURI().startsWith("/api/")) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, refused + " " + InputText.CONTROL_CHARACTER);
      return;
    }
    ProblemDetail pd = Problems.validation(List.of(new FieldError(refused, InputText.CONTROL_CHARACTER)),
        request.getRequestURI());
    response.setStatus(pd.getStatus());
    response.setContentType(Problems.PROBLEM_JSON.toString());
    mapper.writeValue(response.getOutputStream(), pd);
  }

  /** The first parameter whose name or a value breaks the rule, printable; null when all are fine. */
  private static String refusedParameter(Map<String, String[]> parameters) {
    for (Map.Entry<String, String[]> p : parameters.entrySet()) {
      boolean bad = InputText.refused(p.getKey());
      for (String value : p.getValue()) {
        bad |= value != null && InputText.refused(value);
      }
      if (bad) {
        return InputText.printable(p.getKey());
      }
    }
    return null;
  }
}
