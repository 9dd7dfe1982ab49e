package org.offerdesk.app.listings.internal;

import org.offerdesk.app.errors.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
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

/** The Listings pages: every synced listing in a table (filters, pages, export), and one listing's template. */
@Controller
class ListingsPages {

  static final int EXTRA_FIELD_ROWS = 3;
  static final int PAGE_SIZE = 50;

  private final ListingTemplates templates;

  ListingsPages(ListingTemplates templates) {
    this.templates = templates;
  }

  @GetMapping("/listings")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  String listings(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    TableParams p = TableParams.lenient(params);
    CursorPage<Listing> page = templates.page(caller, p, PAGE_SIZE);
    TableView view = TableView.of("/listings", "/listings/export.csv", p, ListingTable.FIELDS, page);
    model.addAttribute("table", page.items().isEmpty() && !view.filtered() ? view.withoutExport() : view);
    model.addAttribute("listings", page.items());
    return "listings/index";
  }

  /** The table as CSV, with the filters of the page it was exported from. */
  @GetMapping("/listings/export.csv")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("listings.csv", templates.csv(caller, params));
  }

  @PostMapping("/listings/sync")
  @PreAuthorize("hasAuthority('LISTINGS_EDIT')")
  String sync(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    try {
      ListingSync.SyncResult r = templates.sync(caller);
      redirect.addFlashAttribute("notice", "Synced " + r.products() + " listings from the marketplace ("
          + r.added() + " new, " + r.updated() + " updated).");
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", problem.getMessage());
    }
    return "redirect:/listings";
  }

  @GetMapping("/listings/{productId}")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  String listing(@AuthenticationPrincipal Caller caller, @PathVariable String productId, Model model) {
    Listing listing = templates.get(caller, productId);
    model.addAttribute("listing", listing);
    if (!model.containsAttribute("fields")) {
      List<Map<String, String>> rows = new ArrayList<>();
      listing.template().registrationFields().forEach(f -> rows.add(row(f.key(), f.label(), f.type().name(),
          f.required())));
      for (int i = 0; i < EXTRA_FIELD_ROWS; i++) {
        rows.add(row("", "", "TEXT", false));
      }
      model.addAttribute("fields", rows);
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    model.addAttribute("fieldTypes", Listing.FieldType.values());
    return "listings/listing";
  }

  @PostMapping("/listings/{productId}")
  @PreAuthorize("hasAuthority('LISTINGS_EDIT')")
  String saveTemplate(@AuthenticationPrincipal Caller caller, @PathVariable String productId,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
    List<Listing.RegistrationField> fields = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; params.containsKey("fieldKey" + i); i++) {
      String key = params.get("fieldKey" + i).strip();
      String label = params.getOrDefault("fieldLabel" + i, "").strip();
      String type = params.getOrDefault("fieldType" + i, "TEXT");
      boolean required = params.containsKey("fieldRequired" + i);
      rows.add(row(key, label, type, required));
      if (key.isEmpty() && label.isEmpty()) {
        continue;
      }
      fields.add(new Listing.RegistrationField(key, label, Listing.FieldType.valueOf(type), required));
    }
    String version = params.get("version");
    try {
      templates.save(caller, productId, new Listing.Template(params.get("supportEmail"), params.get("supportUrl"),
          params.get("welcomeText"), fields, 0), version == null ? null : Integer.valueOf(version));
      redirect.addFlashAttribute("notice", "Listing template saved.");
      return "redirect:/listings/" + productId;
    } catch (DomainException problem) {
      Map<String, String> errors = new LinkedHashMap<>();
      problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
      if (errors.isEmpty()) {
        errors.put("_", problem.getMessage());
      }
      model.addAttribute("errors", errors);
      model.addAttribute("fields", rows);
      return listing(caller, productId, model);
    }
  }

  private static Map<String, String> row(String key, String label, String type, boolean required) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("key", key);
    row.put("label", label);
    row.put("type", type);
    row.put("required", String.valueOf(required));
    return row;
  }
}
