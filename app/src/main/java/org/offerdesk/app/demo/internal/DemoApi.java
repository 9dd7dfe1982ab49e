package org.offerdesk.app.demo.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's history on demand: {@code POST /api/v1/demo/reset} (admins of the demo seller, demo mode only)
 * starts seeding it again and answers 202 with the seeding, whose progress {@code GET /api/v1/demo/seedings/{id}}
 * follows ({@code status} RUNNING, DONE or FAILED, {@code step}, and once done a {@code summary} of what the story
 * made); asked again while it runs, it answers the same seeding.
 */
@RestController
@RequestMapping("/api/v1/demo")
@Tag(name = "Demo")
class DemoApi {

  /** A seeding as the API shows it. */
  record SeedingView(UUID id, String cause, String status, int stepsDone, int stepsTotal, String step, String error,
      @JsonRawValue String summary, String startedAt, String finishedAt, String link) {
    static SeedingView of(DemoSeeding s) {
      return new SeedingView(s.id(), s.cause(), s.status(), s.stepsDone(), s.stepsTotal(), s.step(), s.error(),
          s.summary(), s.startedAt().toString(), s.finishedAt() == null ? null : s.finishedAt().toString(), DemoApi.link(s.id()));
    }
  }

  private final DemoSeedings seedings;

  DemoApi(DemoSeedings seedings) {
    this.seedings = seedings;
  }

  @PostMapping("/reset")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  @Operation(summary = "Seed the demo seller's year of business again (demo mode only); 202 with its progress")
  ResponseEntity<SeedingView> reset(@AuthenticationPrincipal Caller caller,
      @RequestBody(required = false) Map<String, Object> ignored) {
    DemoSeeding seeding = seedings.reset(caller);
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(link(seeding.id())))
        .body(SeedingView.of(seeding));
  }

  @GetMapping("/seedings/{id}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  @Operation(summary = "How far a seeding of the demo history got")
  SeedingView seeding(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return SeedingView.of(seedings.status(caller, id));
  }

  private static String link(UUID id) {
    return "/api/v1/demo/seedings/" + id;
  }
}
