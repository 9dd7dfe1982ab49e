package org.offerdesk.app.partners.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.ResellerOrganizations;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.FlashOutcome;
import org.offerdesk.app.web.FormRefusal;
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
 * The partners directory of the console (the table, a partner added, an invitation sent), and the page a
 * reseller's admin opens from the invitation's email, signed in to nothing, to open its organization.
 */
@Controller
class PartnerDirectoryPages {

  private final PartnerDirectory directory;
  private final PartnerStore store;

  PartnerDirectoryPages(PartnerDirectory directory, PartnerStore store) {
    this.directory = directory;
    this.store = store;
  }

  @GetMapping("/partners/directory")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    return page(caller, params, Map.of(), Map.of(), model);
  }

  @PostMapping("/partners/directory")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  String add(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    try {
      Partner added = directory.add(caller, new PartnerDirectory.NewPartner(form.get("name"),
          form.get("awsAccountId"), form.get("contactName"), form.get("contactEmail")));
      redirect.addFlashAttribute("notice", added.name() + " is in your partners directory.");
      return "redirect:/partners/directory";
    } catch (DomainException e) {
      return page(caller, Map.of(), form, FormRefusal.fieldErrors(e, response), model);
    }
  }

  @PostMapping("/partners/directory/{id}/invite")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  String invite(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String email, RedirectAttributes redirect) {
    FlashOutcome.flash(redirect, () -> {
      Partner p = directory.invite(caller, id, email);
      return "Invitation sent to " + p.invitedEmail() + "; it is valid for 14 days.";
    });
    return "redirect:/partners/directory";
  }

  private String page(Caller caller, Map<String, String> params, Map<String, String> form,
      Map<String, String> errors, Model model) {
    TableParams p = TableParams.lenient(params);
    CursorPage<Partner> page = store.table(caller.organizationId(), PartnerTable.Filter.from(p))
        .page(p.page(PartnerTable.BY_NAME, ResaleAuthorizationPages.PAGE_SIZE));
    Set<String> connected = directory.connectedResellerAccounts();
    List<PartnerView> rows = page.items().stream().map(r -> directory.view(r, connected)).toList();
    TableView view = TableView.of("/partners/directory", "/partners/directory/export.csv", p, PartnerTable.FIELDS,
        page);
    model.addAttribute("table", rows.isEmpty() && !view.filtered() ? view.withoutExport() : view);
    model.addAttribute("partners", rows);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "partners/directory";
  }

  @GetMapping("/partners/directory/export.csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @RequestParam Map<String, String> params) {
    return CsvExport.attachment("partners.csv", PartnersApi.csv(directory, store, caller,
        params));
  }

  @GetMapping("/partner-invitations/{secret}")
  String invitation(@PathVariable String secret, Model model) {
    Partner partner = directory.invitation(secret);
    return invitationPage(secret, partner, Map.of("organizationName", partner.name(), "adminEmail",
        partner.invitedEmail()), Map.of(), model);
  }

  @PostMapping("/partner-invitations/{secret}")
  String accept(@PathVariable String secret, @RequestParam Map<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Partner partner = directory.invitation(secret);
    try {
      directory.accept(secret, new ResellerOrganizations.NewReseller(
          form.get("organizationName"), form.get("adminEmail"), form.get("adminName"), form.get("password")));
      return "redirect:/signin?setup";
    } catch (DomainException e) {
      return invitationPage(secret, partner, form, FormRefusal.fieldErrors(e, response), model);
    }
  }

  private String invitationPage(String secret, Partner partner, Map<String, String> form, Map<String, String> errors,
      Model model) {
    model.addAttribute("secret", secret);
    model.addAttribute("isv", directory.isvName(partner));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "partners/invitation";
  }
}
