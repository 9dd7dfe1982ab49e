package org.offerdesk.app.jobs.internal;

import org.offerdesk.app.identity.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console page of the organization's background work, with a retry button for what was parked. */
@Controller
class JobsPage {

  private final ParkedJobs jobs;

  JobsPage(ParkedJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/settings/jobs")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String page(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status, Model model) {
    String shown = status == null || status.isBlank() || !ParkedJobs.STATUSES.contains(status) ? null : status;
    model.addAttribute("jobs", jobs.page(caller, shown, null, null, 200).items());
    model.addAttribute("status", shown);
    model.addAttribute("statuses", ParkedJobs.STATUSES);
    return "settings/jobs";
  }

  @PostMapping("/settings/jobs/{id}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String retryFromPage(@AuthenticationPrincipal Caller caller, @PathVariable java.util.UUID id,
      RedirectAttributes redirect) {
    ParkedJobs.JobView job = jobs.retry(caller, id);
    redirect.addFlashAttribute("notice", "Retrying " + job.kind() + ".");
    return "redirect:/settings/jobs?status=PARKED";
  }
}
