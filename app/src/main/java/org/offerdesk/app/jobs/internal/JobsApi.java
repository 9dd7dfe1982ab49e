package org.offerdesk.app.jobs.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins see their organization's background work and retry what was parked: API and console page. */
@Controller
@Tag(name = "Jobs")
class JobsApi {

  private static final List<String> STATUSES = List.of("PENDING", "RUNNING", "DONE", "PARKED");
  private final ParkedJobs jobs;

  JobsApi(ParkedJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/api/v1/jobs")
  @ResponseBody
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  Map<String, Object> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiProblem.invalid("status", "must be one of " + STATUSES);
    }
    return Map.of("items", jobs.list(caller, status, 200));
  }

  @PostMapping("/api/v1/jobs/{id}/retry")
  @ResponseBody
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  ParkedJobs.JobView retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return jobs.retry(caller, id);
  }

  @GetMapping("/settings/jobs")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String page(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status, Model model) {
    model.addAttribute("jobs", jobs.list(caller, status == null || status.isBlank() ? null : status, 200));
    model.addAttribute("status", status);
    model.addAttribute("statuses", STATUSES);
    return "settings/jobs";
  }

  @PostMapping("/settings/jobs/{id}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String retryFromPage(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    ParkedJobs.JobView job = jobs.retry(caller, id);
    redirect.addFlashAttribute("notice", "Retrying " + job.kind() + ".");
    return "redirect:/settings/jobs?status=PARKED";
  }
}
