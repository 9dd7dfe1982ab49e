package org.offerdesk.app.webhooks.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.AddressRefused;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.outbound.OutboundGuard;
import org.offerdesk.app.secrets.SecretBox;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.webhooks.WebhookEventType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What an admin does with webhooks, from the API or the console: endpoints, tests and redeliveries. */
@Service
class WebhookAdmin {

  /** An endpoint to register. */
  record NewEndpoint(String url, List<String> events, String description) {}

  /** A change to an endpoint; null leaves a field as it is. */
  record EndpointChange(String url, List<String> events, String description, Boolean enabled,
      boolean rotateSecret) {}

  /** An endpoint with its signing secret, when it was just made or rotated (shown this once), else null. */
  record EndpointWithSecret(Endpoint endpoint, String secret) {}

  /** A delivery with its attempts. */
  record LoggedDelivery(Delivery delivery, List<Delivery.Attempt> attempts) {}

  private static final int MAX_URL = 2000;
  private static final int MAX_DESCRIPTION = 200;

  private final EndpointStore endpoints;
  private final DeliveryLog log;
  private final EventPublisher publisher;
  private final Jobs jobs;
  private final SecretBox secrets;
  private final AuditLog audit;
  private final Clock clock;
  private final OutboundGuard guard;
  private final TransactionTemplate transactions;

  WebhookAdmin(EndpointStore endpoints, DeliveryLog log, EventPublisher publisher, Jobs jobs, SecretBox secrets,
      AuditLog audit, Clock clock, OutboundGuard guard, PlatformTransactionManager transactionManager) {
    this.guard = guard;
    this.transactions = new TransactionTemplate(transactionManager);
    this.endpoints = endpoints;
    this.log = log;
    this.publisher = publisher;
    this.jobs = jobs;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /** Registers an endpoint. The URL's host is looked up before the transaction opens: no network inside one. */
  EndpointWithSecret create(Caller caller, NewEndpoint request) {
    List<FieldError> errors = new ArrayList<>();
    URI url = url(request.url(), errors);
    if (errors.isEmpty()) {
      refuseUnsafe(url);
    }
    return transactions.execute(s -> add(caller, request));
  }

  private EndpointWithSecret add(Caller caller, NewEndpoint request) {
    List<FieldError> errors = new ArrayList<>();
    URI url = url(request.url(), errors);
    List<String> events = events(request.events(), errors);
    String description = description(request.description(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Instant now = now();
    String secret = Signatures.newSecret();
    Endpoint endpoint = new Endpoint(UUID.randomUUID(), caller.organizationId(), url, description, events, true,
        secrets.seal(secret), Signatures.hint(secret), now, now);
    endpoints.add(endpoint);
    audit.record(caller, "webhook.created", target(endpoint), "events " + String.join(", ", events));
    return new EndpointWithSecret(endpoint, secret);
  }

  /** Changes an endpoint; a new URL's host is looked up before the transaction opens. */
  EndpointWithSecret change(Caller caller, UUID id, EndpointChange change) {
    if (change.url() != null) {
      List<FieldError> errors = new ArrayList<>();
      URI url = url(change.url(), errors);
      if (errors.isEmpty()) {
        refuseUnsafe(url);
      }
    }
    return transactions.execute(s -> update(caller, id, change));
  }

  private EndpointWithSecret update(Caller caller, UUID id, EndpointChange change) {
    Endpoint current = endpoints.lock(caller.organizationId(), id).orElseThrow(() -> notFound(id));
    List<FieldError> errors = new ArrayList<>();
    URI url = change.url() == null ? current.url() : url(change.url(), errors);
    List<String> events = change.events() == null ? current.events() : events(change.events(), errors);
    String description = change.description() == null ? current.description()
        : description(change.description(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
    String secret = change.rotateSecret() ? Signatures.newSecret() : null;
    Endpoint changed = new Endpoint(id, current.organizationId(), url, description, events, enabled,
        secret == null ? current.sealedSecret() : secrets.seal(secret),
        secret == null ? current.secretHint() : Signatures.hint(secret), current.createdAt(), now());
    endpoints.update(changed);
    List<String> what = new ArrayList<>();
    if (!url.equals(current.url())) {
      what.add("url " + url);
    }
    if (!events.equals(current.events())) {
      what.add("events " + String.join(", ", events));
    }
    if (!java.util.Objects.equals(description, current.description())) {
      what.add("description");
    }
    if (enabled != current.enabled()) {
      what.add(enabled ? "enabled" : "disabled");
    }
    if (!what.isEmpty()) {
      audit.record(caller, "webhook.changed", target(changed), String.join("; ", what));
    }
    if (secret != null) {
      audit.record(caller, "webhook.secret_rotated", target(changed), null);
    }
    return new EndpointWithSecret(changed, secret);
  }

  @Transactional
  Endpoint delete(Caller caller, UUID id) {
    Endpoint endpoint = get(caller, id);
    endpoints.delete(caller.organizationId(), id);
    audit.record(caller, "webhook.deleted", target(endpoint), null);
    return endpoint;
  }

  Endpoint get(Caller caller, UUID id) {
    return endpoints.byId(caller.organizationId(), id).orElseThrow(() -> notFound(id));
  }

  CursorPage<Endpoint> list(Caller caller, String cursor, Integer limit) {
    return endpoints.list(caller.organizationId(), CursorPage.decode(cursor), CursorPage.limit(limit));
  }

  /** Sends a {@code webhook.test} ping to the endpoint, through the delivery log like any event. */
  @Transactional
  LoggedDelivery test(Caller caller, UUID id) {
    Endpoint endpoint = get(caller, id);
    if (!endpoint.enabled()) {
      throw new Conflict("The endpoint is disabled; enable it to send a test");
    }
    String eventId = "evt_test_" + UUID.randomUUID();
    UUID deliveryId = publisher.ping(endpoint, eventId, Map.of("endpointId", endpoint.id().toString(),
        "message", "A test event sent by " + caller.describe()));
    audit.record(caller, "webhook.tested", target(endpoint), "event " + eventId);
    return delivery(caller, deliveryId);
  }

  /** Starts a new series of attempts of a delivery, whatever became of the last one. */
  @Transactional
  LoggedDelivery redeliver(Caller caller, UUID deliveryId) {
    Delivery delivery = log.byId(caller.organizationId(), deliveryId).orElseThrow(() -> deliveryNotFound(deliveryId));
    Endpoint endpoint = endpoints.lock(caller.organizationId(), delivery.endpointId())
        .orElseThrow(() -> deliveryNotFound(deliveryId));
    if (!endpoint.enabled()) {
      throw new Conflict("The endpoint is disabled; enable it to redeliver");
    }
    jobs.cancel(EventPublisher.jobKey(deliveryId, delivery.series()));
    int series = log.startSeries(caller.organizationId(), deliveryId);
    publisher.schedule(caller.organizationId(), deliveryId, series);
    audit.record(caller, "webhook.redelivered", target(endpoint),
        delivery.eventType() + " " + delivery.eventId() + " (delivery " + deliveryId + ")");
    return delivery(caller, deliveryId);
  }

  LoggedDelivery delivery(Caller caller, UUID deliveryId) {
    Delivery delivery = log.byId(caller.organizationId(), deliveryId).orElseThrow(() -> deliveryNotFound(deliveryId));
    return new LoggedDelivery(delivery, log.attempts(List.of(deliveryId)).getOrDefault(deliveryId, List.of()));
  }

  CursorPage<LoggedDelivery> deliveries(Caller caller, UUID endpointId, String status, String cursor, Integer limit) {
    get(caller, endpointId);
    DeliveryStatus parsed = status(status).orElse(null);
    CursorPage<Delivery> page = log.list(caller.organizationId(), endpointId, parsed, CursorPage.decode(cursor),
        CursorPage.limit(limit));
    Map<UUID, List<Delivery.Attempt>> attempts = log.attempts(page.items().stream().map(Delivery::id).toList());
    return page.map(d -> new LoggedDelivery(d, attempts.getOrDefault(d.id(), List.of())));
  }

  static Optional<DeliveryStatus> status(String status) {
    if (status == null || status.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DeliveryStatus.valueOf(status));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("status", "must be one of " + List.of(DeliveryStatus.values()));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static URI url(String value, List<FieldError> errors) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      errors.add(new FieldError("url", "is required"));
      return null;
    }
    if (text.length() > MAX_URL) {
      errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!scheme.equals("https") && !scheme.equals("http")) {
        errors.add(new FieldError("url", "must be an http or https URL"));
        return null;
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        errors.add(new FieldError("url", "must name a host"));
        return null;
      }
      if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        errors.add(new FieldError("url", "must not carry credentials or a fragment"));
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      errors.add(new FieldError("url", "is not a valid URL"));
      return null;
    }
  }

  /** An address the outbound guard refuses is a 422 naming the field; the URL is judged again at each send. */
  private void refuseUnsafe(URI url) {
    guard.refusal(url).ifPresent(reason -> {
      throw new AddressRefused("url", reason);
    });
  }

  private static List<String> events(List<String> values, List<FieldError> errors) {
    if (values == null || values.isEmpty()) {
      errors.add(new FieldError("events", "must list event types, or \"*\" for all"));
      return List.of();
    }
    LinkedHashSet<String> events = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i) == null ? "" : values.get(i).strip();
      if (!value.equals(WebhookEventType.ALL) && WebhookEventType.of(value).isEmpty()) {
        errors.add(new FieldError("events[" + i + "]",
            "is not an event type; use \"*\" or one of " + WebhookEventType.names()));
      } else {
        events.add(value);
      }
    }
    return events.contains(WebhookEventType.ALL) ? List.of(WebhookEventType.ALL) : List.copyOf(events);
  }

  private static String description(String value, List<FieldError> errors) {
    String text = value == null ? null : value.strip();
    if (text != null && text.length() > MAX_DESCRIPTION) {
      errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    return text == null || text.isEmpty() ? null : text;
  }

  private static String target(Endpoint endpoint) {
    return "webhook " + endpoint.url() + " (" + endpoint.id() + ")";
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Webhook endpoint " + id);
  }

  private static NotFound deliveryNotFound(UUID id) {
    return new NotFound("Webhook delivery " + id);
  }
}
