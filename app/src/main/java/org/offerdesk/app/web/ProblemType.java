package org.offerdesk.app.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.offerdesk.app.errors.AddressRefused;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.MarketplaceRefused;
import org.offerdesk.app.errors.NotFound;
import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API answers, each with a stable {@code type} URI (a page under
 * {@code /problems/}) that clients may switch on.
 */
public enum ProblemType {
  VALIDATION(HttpStatus.BAD_REQUEST, "Invalid input",
      "One or more fields are missing or wrong; `errors` lists each field with what is wrong with it."),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request",
      "The request body could not be read: it is not valid JSON, or a value has the wrong type."),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required",
      "Send `Authorization: Bearer <token>` with a valid, unexpired and unrevoked API token."),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed",
      "Your role does not include the permission this action needs."),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found",
      "Nothing with that identifier exists in your organization."),
  CONFLICT(HttpStatus.CONFLICT, "Conflict",
      "The request conflicts with the current state of the resource."),
  PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
      "The request body is larger than the API accepts."),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
      "Send JSON with `Content-Type: application/json`."),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
      "This resource does not support that HTTP method."),
  IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
      "This Idempotency-Key was already used for a different request; use a new key for a new request."),
  IDEMPOTENT_REQUEST_IN_PROGRESS(HttpStatus.CONFLICT, "Request in progress",
      "A request with this Idempotency-Key is still being processed; retry shortly."),
  IDEMPOTENT_RESPONSE_NOT_REPLAYABLE(HttpStatus.CONFLICT, "Already done",
      "A request with this Idempotency-Key already succeeded, and its response held a secret that is shown only once."),
  TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
      "Too many attempts from this address or account in a short time; wait the seconds in `Retry-After`."),
  ADDRESS_REFUSED(HttpStatus.UNPROCESSABLE_ENTITY, "Address refused",
      "OfferDesk does not call this address: it is link-local (such as the cloud metadata service), or, in "
          + "production, loopback, private, shared or otherwise internal and not listed in OFFERDESK_OUTBOUND_ALLOW. "
          + "`errors` names the field."),
  MARKETPLACE_NOT_CONNECTED(HttpStatus.CONFLICT, "Marketplace not connected",
      "This needs a marketplace connection; an admin sets it up in Settings → Marketplace."),
  MARKETPLACE_ERROR(HttpStatus.BAD_GATEWAY, "Marketplace error",
      "The marketplace refused or failed the request; `detail` says what it answered."),
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
      "Something went wrong on our side; the error was logged.");

  private final HttpStatus status;
  private final String title;
  private final String description;

  ProblemType(HttpStatus status, String title, String description) {
    this.status = status;
    this.title = title;
    this.description = description;
  }

  public URI uri() {
    return URI.create("/problems/" + slug());
  }

  /** The constant's name in lower case with hyphens: {@code NOT_FOUND} is {@code not-found}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** The problem type that answers a capability's refusal: the one place its kinds meet HTTP. */
  public static ProblemType of(DomainException problem) {
    if (problem instanceof NotFound) {
      return NOT_FOUND;
    }
    if (problem instanceof Conflict) {
      return CONFLICT;
    }
    if (problem instanceof AddressRefused) {
      return ADDRESS_REFUSED;
    }
    if (problem instanceof InvalidInput) {
      return VALIDATION;
    }
    MarketplaceRefused refused = (MarketplaceRefused) problem;
    return refused.reason() == MarketplaceRefused.Reason.NOT_CONNECTED ? MARKETPLACE_NOT_CONNECTED : MARKETPLACE_ERROR;
  }

  public static Optional<ProblemType> bySlug(String slug) {
    return Arrays.stream(values()).filter(t -> t.slug().equals(slug)).findFirst();
  }
}
