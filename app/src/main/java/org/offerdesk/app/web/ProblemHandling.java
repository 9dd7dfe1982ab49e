package org.offerdesk.app.web;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every error raised behind an API controller into RFC 9457 problem+json. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandling {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
    return respond(Problems.of(e, request.getRequestURI()));
  }

  @ExceptionHandler(DomainException.class)
  ResponseEntity<ProblemDetail> refused(DomainException e, HttpServletRequest request) {
    return respond(Problems.of(e, request.getRequestURI()));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
    List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
        .collect(Collectors.toList());
    e.getBindingResult().getGlobalErrors()
        .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
    return respond(Problems.validation(errors, request.getRequestURI()));
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
    List<FieldError> errors = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream()
            .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
        .toList();
    return respond(Problems.validation(errors, request.getRequestURI()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable cause = e.getCause();
    // Jackson may wrap what the parser refused in a mapping exception that adds the path; look inside.
    CheckedJsonFactory.RefusedText refused = innermost(cause, CheckedJsonFactory.RefusedText.class);
    if (refused != null) {
      return respond(Problems.validation(List.of(new FieldError(refused.field(),
          InputText.CONTROL_CHARACTER)), request.getRequestURI()));
    }
    StreamReadException read = innermost(cause, StreamReadException.class);
    if (read != null && read.getOriginalMessage() != null
        && read.getOriginalMessage().startsWith("Duplicate field") && read.getProcessor() != null) {
      return respond(Problems.validation(List.of(new FieldError(
          CheckedJsonFactory.path(read.getProcessor().getParsingContext()), "appears more than once")),
          request.getRequestURI()));
    }
    InvalidNullException nullElement = innermost(cause, InvalidNullException.class);
    if (nullElement != null) {
      return respond(Problems.validation(List.of(new FieldError(path(nullElement), "must not be null")),
          request.getRequestURI()));
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return respond(Problems.validation(List.of(new FieldError(path(unknown), "is not a known field")),
          request.getRequestURI()));
    }
    if (cause instanceof InvalidFormatException format) {
      return respond(Problems.validation(List.of(JsonFieldErrors.of(format)), request.getRequestURI()));
    }
    String detail = cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()
        ? "The JSON body could not be read at '" + path(jme) + "'"
        : "The request body is missing or is not valid JSON";
    return respond(Problems.of(ProblemType.MALFORMED_REQUEST, detail, request.getRequestURI()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return respond(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type " + e.getContentType() + " is not supported; send application/json", request.getRequestURI()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return respond(Problems.of(ProblemType.METHOD_NOT_ALLOWED,
        e.getMethod() + " is not supported here", request.getRequestURI()));
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
  ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
    String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
        : ((MethodArgumentTypeMismatchException) e).getName();
    String message = e instanceof MissingServletRequestParameterException ? "is required" : "has the wrong format";
    return respond(Problems.validation(List.of(new FieldError(name, message)), request.getRequestURI()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
    return respond(Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this action", request.getRequestURI()));
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e, HttpServletRequest request) {
    return respond(Problems.of(ProblemType.UNAUTHENTICATED, e.getMessage(), request.getRequestURI()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return respond(Problems.of(ProblemType.INTERNAL, "An unexpected error occurred", request.getRequestURI()));
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail pd) {
    return ResponseEntity.status(pd.getStatus()).contentType(Problems.PROBLEM_JSON).body(pd);
  }

  private static <T extends Throwable> T innermost(Throwable error, Class<T> type) {
    T found = null;
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      if (type.isInstance(t)) {
        found = type.cast(t);
      }
    }
    return found;
  }

  private static String path(JsonMappingException e) {
    return JsonFieldErrors.path(e);
  }
}
