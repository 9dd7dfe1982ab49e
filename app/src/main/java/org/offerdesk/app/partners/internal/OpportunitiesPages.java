package org.offerdesk.app.partners.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.http.ResponseEntity;
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
 * The reseller's Opportunities pages: the authorizations shared with it in one table (filters, pages,
 * export), each one's terms, and the way into a partner offer built on it.
 */
@Controller
class OpportunitiesPages {

  static final int PAGE_SIZE = 50;

  private final OpportunityStore store;
  private final OpportunitySync sync;
  private final Clock clock;

  OpportunitiesPages(OpportunityStore store, OpportunitySync sync, Clock clock) {
    this.store = store;
    this.sync = sync;
    this.clock = clock;
  }

  @GetMapping("/partners/opportunities")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String opportunities(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params,
      Model model) {
    TableParams p = TableParams.lenient(params);
    LocalDate today = OpportunitiesApi.today(clock);
    CursorPage<Opportunity> page = store.table(caller.organizationId(), OpportunityTable.Filter.from(p))
        .page(p.page(OpportunityTable.NEWEST, PAGE_SIZE));
    TableView view = TableView.of("/partners/opportunities", "/partners/opportunities/export.csv", p,
        OpportunityTable.fields(store.isvs(caller.organizationId())), page);
    List<OpportunityView> rows = page.items().stream().map(o -> OpportunityView.of(o, today)).toList();
    model.addAttribute("table", rows.isEmpty() && !view.filtered() ? view.withoutExport() : view);
    model.addAttribute("opportunities", rows);
    return "partners/opportunities";
  }

  @GetMapping("/partners/opportunities/export.csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("opportunities.csv", OpportunitiesApi.csv(store, caller, params));
  }

  @PostMapping("/partners/opportunities/sync")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String sync(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    try {
      OpportunitySync.SyncResult r = sync.sync(caller.organizationId());
      redirect.addFlashAttribute("notice", "Synced " + r.opportunities() + " resale authorizations from the marketplace ("
          + r.received() + " new).");
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", problem.getMessage());
    }
    return "redirect:/partners/opportunities";
  }

  @GetMapping("/partners/opportunities/{resaleAuthorizationId}")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String opportunity(@AuthenticationPrincipal Caller caller, @PathVariable String resaleAuthorizationId,
      Model model) {
    model.addAttribute("o", OpportunityView.of(OpportunitiesApi.find(store, caller, resaleAuthorizationId),
        OpportunitiesApi.today(clock)));
    return "partners/opportunity";
  }
}
