package org.offerdesk.app.partners.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.partners.PartnerOffersOfAuthorization;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.FlashOutcome;
import org.offerdesk.app.web.table.CountChip;
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
 * The Partners pages of the console: the resale authorizations table (filters, counts per status, CSV),
 * the form that drafts one, and each authorization's page with its partner offers and its actions.
 */
@Controller
class ResaleAuthorizationPages {

  static final int PAGE_SIZE = 50;
  static final Map<ResaleAuthorizationStatus, String> STATUS_STYLES = Map.of(
      ResaleAuthorizationStatus.DRAFT, "text-bg-secondary",
      ResaleAuthorizationStatus.PUBLISHING, "text-bg-info",
      ResaleAuthorizationStatus.PUBLISH_FAILED, "text-bg-danger",
      ResaleAuthorizationStatus.AUTHORIZED, "text-bg-success",
      ResaleAuthorizationStatus.CONSUMED, "text-bg-primary",
      ResaleAuthorizationStatus.EXPIRED, "text-bg-light",
      ResaleAuthorizationStatus.DEACTIVATED, "text-bg-dark");

  private final ResaleAuthorizationStore store;
  private final ResaleAuthorizationCommands commands;
  private final Listings listings;
  private final List<PartnerOffersOfAuthorization> partnerOffers;

  private final ResaleApprovals approvals;

  ResaleAuthorizationPages(ResaleAuthorizationStore store, ResaleAuthorizationCommands commands, Listings listings,
      List<PartnerOffersOfAuthorization> partnerOffers, ResaleApprovals approvals) {
    this.approvals = approvals;
    this.store = store;
    this.commands = commands;
    this.listings = listings;
    this.partnerOffers = partnerOffers;
  }

  @GetMapping("/partners")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    // A reseller's partners are the ISVs that authorized it: its page is their opportunities.
    if (caller.organizationKind() == org.offerdesk.app.identity.OrganizationKind.RESELLER) {
      return "redirect:/partners/opportunities";
    }
    TableParams p = TableParams.lenient(params);
    ResaleAuthorizationTable.Filter filter = ResaleAuthorizationTable.Filter.from(p);
    Map<String, String> titles = listings.titles(caller.organizationId());
    CursorPage<ResaleAuthorization> page = store.table(caller.organizationId(), filter)
        .page(p.page(ResaleAuthorizationTable.sort(p), PAGE_SIZE));
    TableView view = TableView.of("/partners", "/partners/export.csv", p, ResaleAuthorizationTable.fields(titles),
        page);
    List<CountChip> chips = CountChip.of(ResaleAuthorizationStatus.class,
        store.countsByStatus(caller.organizationId(), filter), view, "status", STATUS_STYLES::get);
    model.addAttribute("table", view);
    model.addAttribute("rows", page.items());
    model.addAttribute("titles", titles);
    model.addAttribute("chips", chips);
    model.addAttribute("total", CountChip.total(chips));
    model.addAttribute("statusStyles", STATUS_STYLES);
    return "partners/index";
  }

  @GetMapping("/partners/export.csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("resale-authorizations.csv", ResaleAuthorizationsApi.csv(store, caller, params));
  }

  @GetMapping("/partners/resale-authorizations/new")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  String form(@AuthenticationPrincipal Caller caller, Model model) {
    return form(caller, ResaleAuthorizationForm.blank(), Map.of(), null, model);
  }

  @PostMapping("/partners/resale-authorizations")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  String create(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect) {
    ResaleAuthorizationForm form = ResaleAuthorizationForm.of(params);
    try {
      ResaleTerms terms = form.toTerms();
      if (!form.unreadable().isEmpty()) {
        throw new InvalidInput(form.unreadable());
      }
      ResaleAuthorization ra = commands.create(caller, terms);
      if ("publish".equals(params.get("then"))) {
        try {
          commands.publish(caller, ra.id());
        } catch (Conflict refused) { // an approval rule: the draft is saved, the page says what it waits for
          redirect.addFlashAttribute("alert", "Saved as a draft, not published: " + refused.getMessage());
        }
      }
      return "redirect:/partners/resale-authorizations/" + ra.id();
    } catch (InvalidInput e) {
      Map<String, String> errors = new LinkedHashMap<>();
      for (FieldError error : e.errors()) {
        errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
      }
      int n = e.errors().size();
      return form(caller, form, errors, n == 1 ? "One field needs a fix; it is marked below."
          : n + " fields need a fix; they are marked below.", model);
    }
  }

  private String form(Caller caller, ResaleAuthorizationForm form, Map<String, String> errors, String alert,
      Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    model.addAttribute("listings", listings.all(caller.organizationId()).stream()
        .filter(l -> l.state().acceptsOffers()).toList());
    model.addAttribute("dimensionKeys", listings.all(caller.organizationId()).stream()
        .flatMap(l -> l.dimensions().stream()).filter(Listing.Dimension::isContract).map(Listing.Dimension::key)
        .distinct().toList());
    model.addAttribute("rows", java.util.stream.IntStream.range(0, ResaleAuthorizationForm.ROWS).boxed().toList());
    return "partners/form";
  }

  @GetMapping("/partners/resale-authorizations/{id}")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String detail(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    ResaleAuthorization ra = commands.get(caller, id);
    model.addAttribute("ra", ResaleAuthorizationView.of(ra, ResaleAuthorizationsApi.offers(partnerOffers, ra),
        store.timeline(caller.organizationId(), id)));
    model.addAttribute("titles", listings.titles(caller.organizationId()));
    model.addAttribute("statusStyles", STATUS_STYLES);
    model.addAttribute("approval", ra.status().isDraft() ? approvals.state(ra) : null);
    return "partners/detail";
  }

  @PostMapping("/partners/resale-authorizations/{id}/{action}")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  String act(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable String action,
      RedirectAttributes redirect) {
    UUID[] target = {id};
    FlashOutcome.flash(redirect, () -> switch (action) {
      case "publish" -> {
        commands.publish(caller, id);
        yield "Publishing to the marketplace.";
      }
      case "deactivate" -> {
        commands.deactivate(caller, id);
        yield "Deactivation requested from the marketplace.";
      }
      case "approval" -> {
        approvals.submit(caller, commands.get(caller, id));
        yield "Submitted for approval: the approvers are told. Publish it once it is approved.";
      }
      case "clone" -> {
        target[0] = commands.cloneOf(caller, id).id();
        yield "Cloned as a new draft.";
      }
      default -> throw new org.offerdesk.app.errors.NotFound("Action " + action);
    });
    return "redirect:/partners/resale-authorizations/" + target[0];
  }
}
