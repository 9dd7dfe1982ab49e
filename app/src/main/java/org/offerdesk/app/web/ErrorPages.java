package org.offerdesk.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Whatever ends in the servlet container's error path (unknown URLs, errors outside controllers): the
 * API gets problem+json, a person gets a readable page. Also serves the page each problem type URI
 * points to.
 */
@Controller
class ErrorPages implements ErrorController {

  @RequestMapping("/error")
  Object error(HttpServletRequest request, Model model) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    ProblemType type = switch (status) {
      case 400 -> ProblemType.MALFORMED_REQUEST;
      case 401 -> ProblemType.UNAUTHENTICATED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ProblemType.TOO_MANY_REQUESTS;
      default -> ProblemType.INTERNAL;
    };
    if (uri.startsWith("/api/")) {
      String detail = status == 404 ? "No API resource at " + uri : type.title();
      ProblemDetail pd = Problems.of(type, detail, uri);
      pd.setStatus(status);
      return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(pd);
    }
    HttpStatus httpStatus = HttpStatus.resolve(status);
    model.addAttribute("status", status);
    model.addAttribute("title", httpStatus == null ? "Error" : httpStatus.getReasonPhrase());
    model.addAttribute("message", switch (status) {
      case 403 -> "You are not allowed to do this. If you just submitted a form, your session may have expired: reload the page and try again.";
      case 404 -> "There is nothing at this address.";
      case 413 -> "What you sent is too large.";
      case 429 -> "Too many attempts in a short time. Wait a few minutes, then try again.";
      default -> status >= 500 ? "Something went wrong on our side. Please try again." : "The request could not be handled.";
    });
    return "error";
  }

  @GetMapping("/problems/{slug}")
  String problemType(@PathVariable String slug, Model model) {
    ProblemType type = ProblemType.bySlug(slug)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("type", type);
    return "problem-type";
  }
}
