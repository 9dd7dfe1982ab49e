package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter list of marketplace events: what the organization's queue delivered, how handling each
 * went (its durable job), and for one that keeps failing its body and a retry once the cause is fixed.
 */
@Controller
class MarketplaceEventsPage {

  static final int PAGE_SIZE = 100;

  /** Which events the list shows. */
  enum Show { ALL, FAILING, PARKED }

  /** One received event with the state of its handling. */
  record EventRow(String eventId, String detailType, String source, Instant occurredAt, Instant receivedAt,
      Instant handledAt, Jobs.JobInfo job) {

    /** How handling went, in one word the page shows as a badge. */
    public String state() {
      if (handledAt != null) {
        return "HANDLED";
      }
      if (job == null) {
        return "NO JOB";
      }
      if (job.status() == JobStatus.PARKED) {
        return "PARKED";
      }
      if (job.status() == JobStatus.PENDING && job.lastError() != null && job.lastError().startsWith("waiting: ")) {
        return "WAITING";
      }
      return job.failing() ? "RETRYING" : job.status().name();
    }

    /** The first line of the last error (the exception and its message), while handling fails or waits. */
    public String errorSummary() {
      if (handledAt == null && job != null && "WAITING".equals(state())) {
        return job.lastError().substring("waiting: ".length()).lines().findFirst().orElse("") + " (next try "
            + job.dueAt() + ")";
      }
      if (handledAt != null || job == null || !job.failing() || job.lastError() == null) {
        return null;
      }
      return withoutExceptionType(job.lastError().lines().findFirst().orElse(""));
    }

    /** A job's error starts with the exception's class name, which says nothing to a person: drop it. */
    static String withoutExceptionType(String line) {
      return line.replaceFirst("^([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ", "");
    }
  }

  private final JdbcClient jdbc;
  private final Jobs jobs;
  private final AuditLog audit;
  private final ObjectMapper mapper;

  MarketplaceEventsPage(JdbcClient jdbc, Jobs jobs, AuditLog audit, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.jobs = jobs;
    this.audit = audit;
    this.mapper = mapper;
  }

  @GetMapping("/settings/marketplace-events")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String show, Model model) {
    UUID org = caller.organizationId();
    Show filter = parse(show);
    List<Jobs.JobInfo> failing = jobs.failing(org, MarketplaceEventJob.KIND, PAGE_SIZE);
    List<EventRow> rows;
    if (filter == Show.ALL) {
      rows = withJobs(org, jdbc.sql("""
          SELECT * FROM marketplace_event WHERE organization_id = ? ORDER BY received_at DESC, event_id LIMIT ?""")
          .params(org, PAGE_SIZE).query((rs, row) -> new EventRow(rs.getString("event_id"),
              rs.getString("detail_type"), rs.getString("source"), instant(rs.getTimestamp("occurred_at")),
              instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("handled_at")), null)).list());
    } else {
      List<String> eventIds = failing.stream()
          .filter(j -> filter == Show.FAILING || j.status() == JobStatus.PARKED)
          .map(j -> eventIdOf(org, j.dedupeKey())).filter(id -> id != null).toList();
      rows = eventIds.isEmpty() ? List.of() : withJobs(org, jdbc.sql("""
          SELECT * FROM marketplace_event WHERE organization_id = :org AND event_id IN (:ids)
          ORDER BY received_at DESC, event_id""")
          .param("org", org).param("ids", eventIds).query((rs, row) -> new EventRow(rs.getString("event_id"),
              rs.getString("detail_type"), rs.getString("source"), instant(rs.getTimestamp("occurred_at")),
              instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("handled_at")), null)).list());
    }
    model.addAttribute("rows", rows);
    model.addAttribute("show", filter.name().toLowerCase());
    model.addAttribute("received", jdbc.sql("SELECT count(*) FROM marketplace_event WHERE organization_id = ?")
        .param(org).query(Long.class).single());
    model.addAttribute("failingCount", failing.size());
    model.addAttribute("parkedCount", failing.stream().filter(j -> j.status() == JobStatus.PARKED).count());
    model.addAttribute("pageSize", PAGE_SIZE);
    return "settings/marketplace-events";
  }

  @GetMapping("/settings/marketplace-events/{eventId}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String event(@AuthenticationPrincipal Caller caller, @PathVariable String eventId, Model model) {
    UUID org = caller.organizationId();
    Map<String, Object> row = jdbc.sql("""
        SELECT event_id, detail_type, source, occurred_at, received_at, handled_at, body::text AS body
        FROM marketplace_event WHERE organization_id = ? AND event_id = ?""")
        .params(org, eventId).query().listOfRows().stream().findFirst()
        .orElseThrow(() -> new NotFound("Marketplace event " + eventId));
    Optional<Jobs.JobInfo> job = jobs.find(org, List.of(key(org, eventId))).stream().findFirst();
    model.addAttribute("event", new EventRow(eventId, (String) row.get("detail_type"), (String) row.get("source"),
        instant(row.get("occurred_at")), instant(row.get("received_at")), instant(row.get("handled_at")),
        job.orElse(null)));
    model.addAttribute("body", pretty((String) row.get("body")));
    return "settings/marketplace-event";
  }

  @PostMapping("/settings/marketplace-events/{eventId}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String retry(@AuthenticationPrincipal Caller caller, @PathVariable String eventId, RedirectAttributes redirect) {
    UUID org = caller.organizationId();
    Integer exists = jdbc.sql("SELECT count(*) FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, eventId).query(Integer.class).single();
    if (exists == 0) {
      throw new NotFound("Marketplace event " + eventId);
    }
    if (jobs.retry(org, key(org, eventId))) {
      audit.record(caller, "marketplace.event.retried", "marketplace event " + eventId, null);
      redirect.addFlashAttribute("notice", "Retrying the event now; this page shows how it went.");
    } else {
      redirect.addFlashAttribute("alert", "Only a parked event can be retried; this one is not parked.");
    }
    return "redirect:/settings/marketplace-events/" + eventId;
  }

  /** The rows with the job that handles each, looked up in one go. */
  private List<EventRow> withJobs(UUID org, List<EventRow> rows) {
    Map<String, Jobs.JobInfo> byKey = jobs.find(org, rows.stream().map(r -> key(org, r.eventId())).toList())
        .stream().collect(Collectors.toMap(Jobs.JobInfo::dedupeKey, Function.identity(), (a, b) -> a));
    List<EventRow> out = new ArrayList<>();
    for (EventRow r : rows) {
      out.add(new EventRow(r.eventId(), r.detailType(), r.source(), r.occurredAt(), r.receivedAt(), r.handledAt(),
          byKey.get(key(org, r.eventId()))));
    }
    return out;
  }

  /** The dedupe key the consumer gives an event's job (see {@link EventQueueConsumer#store}). */
  static String key(UUID org, String eventId) {
    return MarketplaceEventJob.KIND + ":" + org + ":" + eventId;
  }

  private static String eventIdOf(UUID org, String dedupeKey) {
    String prefix = MarketplaceEventJob.KIND + ":" + org + ":";
    return dedupeKey != null && dedupeKey.startsWith(prefix) ? dedupeKey.substring(prefix.length()) : null;
  }

  private static Show parse(String show) {
    if (show == null || show.isBlank()) {
      return Show.ALL;
    }
    try {
      return Show.valueOf(show.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("show", "must be all, failing or parked");
    }
  }

  private String pretty(String json) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
    } catch (Exception e) {
      return json;
    }
  }

  private static Instant instant(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return null;
  }
}
