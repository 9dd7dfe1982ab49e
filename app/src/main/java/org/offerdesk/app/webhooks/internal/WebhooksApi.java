package org.offerdesk.app.webhooks.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The webhooks API: endpoints, their delivery log, test pings and redeliveries. Admins only. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
@PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
class WebhooksApi {

  record CreateEndpointRequest(String url, List<String> events, String description) {}

  record UpdateEndpointRequest(String url, List<String> events, String description, Boolean enabled,
      Boolean rotateSecret) {}

  /** An endpoint; {@code secret} only in the answer that made or rotated it. */
  record EndpointView(UUID id, String url, String description, List<String> events, boolean enabled,
      String secretHint, String secret, Instant createdAt, Instant updatedAt) {}

  record AttemptView(int series, int number, Instant attemptedAt, Integer responseStatus, String responseBody,
      String error, long durationMs) {}

  record DeliveryView(UUID id, UUID endpointId, String eventId, String eventType, String status, int attemptCount,
      int series, Integer lastResponseStatus, String lastResponseBody, String lastError, Instant createdAt,
      Instant lastAttemptAt, Instant deliveredAt, List<AttemptView> attempts) {}

  private final WebhookAdmin admin;

  WebhooksApi(WebhookAdmin admin) {
    this.admin = admin;
  }

  @PostMapping
  ResponseEntity<EndpointView> create(@AuthenticationPrincipal Caller caller,
      @RequestBody CreateEndpointRequest request) {
    WebhookAdmin.EndpointWithSecret created = admin.create(caller,
        new WebhookAdmin.NewEndpoint(request.url(), request.events(), request.description()));
    // The secret is in this answer only: nothing may keep it, idempotency replay included.
    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.endpoint().id()))
        .cacheControl(CacheControl.noStore())
        .body(view(created.endpoint(), created.secret()));
  }

  @GetMapping
  CursorPage<EndpointView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return admin.list(caller, cursor, limit).map(e -> view(e, null));
  }

  @GetMapping("/{id}")
  EndpointView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(admin.get(caller, id), null);
  }

  @PatchMapping("/{id}")
  ResponseEntity<EndpointView> update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody UpdateEndpointRequest request) {
    WebhookAdmin.EndpointWithSecret changed = admin.change(caller, id, new WebhookAdmin.EndpointChange(
        request.url(), request.events(), request.description(), request.enabled(),
        Boolean.TRUE.equals(request.rotateSecret())));
    ResponseEntity.BodyBuilder response = ResponseEntity.ok();
    if (changed.secret() != null) {
      response.cacheControl(CacheControl.noStore());
    }
    return response.body(view(changed.endpoint(), changed.secret()));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    admin.delete(caller, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/deliveries")
  CursorPage<DeliveryView> deliveries(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return admin.deliveries(caller, id, status, cursor, limit).map(WebhooksApi::view);
  }

  @PostMapping("/{id}/test")
  ResponseEntity<DeliveryView> test(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(admin.test(caller, id)));
  }

  @GetMapping("/deliveries/{id}")
  DeliveryView delivery(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(admin.delivery(caller, id));
  }

  @PostMapping("/deliveries/{id}/redeliver")
  ResponseEntity<DeliveryView> redeliver(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(admin.redeliver(caller, id)));
  }

  static EndpointView view(Endpoint e, String secret) {
    return new EndpointView(e.id(), e.url().toString(), e.description(), e.events(), e.enabled(), e.secretHint(),
        secret, e.createdAt(), e.updatedAt());
  }

  static DeliveryView view(WebhookAdmin.LoggedDelivery logged) {
    Delivery d = logged.delivery();
    return new DeliveryView(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.status().name(), d.attempts(),
        d.series(), d.lastResponseStatus(), d.lastResponseExcerpt(), d.lastError(), d.createdAt(), d.lastAttemptAt(),
        d.deliveredAt(), logged.attempts().stream().map(a -> new AttemptView(a.series(), a.number(), a.attemptedAt(),
            a.responseStatus(), a.responseExcerpt(), a.error(), a.durationMs())).toList());
  }
}
