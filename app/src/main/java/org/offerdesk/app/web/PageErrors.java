package org.offerdesk.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.offerdesk.app.errors.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A business error raised behind a console page, and not turned into form errors by the page itself,
 * becomes a readable page with the status its problem type has in the API.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

  @ExceptionHandler(ApiProblem.class)
  String problem(ApiProblem e, HttpServletResponse response, Model model) {
    return page(e.type(), e.getMessage(), response, model);
  }

  @ExceptionHandler(DomainException.class)
  String refused(DomainException e, HttpServletResponse response, Model model) {
    return page(ProblemType.of(e), e.getMessage(), response, model);
  }

  private static String page(ProblemType type, String message, HttpServletResponse response, Model model) {
    response.setStatus(type.status().value());
    model.addAttribute("status", type.status().value());
    model.addAttribute("title", type.title());
    model.addAttribute("message", message);
    return "error";
  }
}
