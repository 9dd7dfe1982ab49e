package org.offerdesk.app.jobs.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins see their organization's background work and retry what was parked. A {@code @RestController}
 * (the console page is {@link JobsPage}), so that every error is problem+json like the rest of the API.
 */
@RestController
@Tag(name = "Jobs")
class JobsApi {

  private final ParkedJobs jobs;

  JobsApi(ParkedJobs jobs) {
    this.jobs = jobs;
  }

  /** Newest first, in cursor pages like every list; filters by status and kind. */
  @GetMapping("/api/v1/jobs")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  CursorPage<ParkedJobs.JobView> list(@AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    if (status != null && !ParkedJobs.STATUSES.contains(status)) {
      throw new InvalidInput("status", "must be one of " + ParkedJobs.STATUSES);
    }
    return jobs.page(caller, status, kind == null || kind.isBlank() ? null : kind, CursorPage.decode(cursor),
        CursorPage.limit(limit));
  }

  @GetMapping("/api/v1/jobs/{id}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  ParkedJobs.JobView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return jobs.get(caller, id);
  }

  @PostMapping("/api/v1/jobs/{id}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  ParkedJobs.JobView retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return jobs.retry(caller, id);
  }
}
