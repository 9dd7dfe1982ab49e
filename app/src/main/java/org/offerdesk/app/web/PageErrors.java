package org.offerdesk.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A business error raised behind a console page becomes a readable page with the right status. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

  @ExceptionHandler(ApiProblem.class)
  String problem(ApiProblem e, HttpServletResponse response, Model model) {
    response.setStatus(e.type().status().value());
    model.addAttribute("status", e.type().status().value());
    model.addAttribute("title", e.type().title());
    model.addAttribute("message", e.getMessage());
    return "error";
  }
}
