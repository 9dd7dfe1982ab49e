package org.offerdesk.app.offers.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Offer fields: an admin defines the organization's offer metadata, per group (booking data,
 * registration information, contract metadata), that the offer form then asks for. Rows are numbered
 * across the groups ({@code fields[3].key}) so that each error lands next to the row it concerns.
 */
@Controller
class OfferFieldsPage {

  static final int BLANK_ROWS = 3;

  private static final Pattern ROW = Pattern.compile("^fields\\[(\\d+)]\\.");

  /** What the groups are for, under their titles. */
  static final Map<MetadataGroup, String> GROUP_HINTS = Map.of(
      MetadataGroup.BOOKING, "What finance books from: PO number, close date, sales region…",
      MetadataGroup.REGISTRATION, "What OfferDesk registers the order with when the buyer does not: admin email, "
          + "company name…",
      MetadataGroup.CONTRACT, "Anything else about the deal: signer, contract reference, multi-year…");

  /** One row of the page as typed: every value as text. */
  record Row(int index, String group, String key, String label, String type, boolean required, boolean remove) {
    public boolean blank() {
      return key.isBlank() && label.isBlank();
    }
  }

  /** A group with its rows, in the order the page shows them; the first blank row shows an example. */
  record GroupRows(String group, String title, String hint, List<Row> rows, int exampleRow, String exampleKey,
      String exampleLabel) {}

  /** Examples in each group's first blank row: a key and its label. */
  static final Map<MetadataGroup, List<String>> EXAMPLES = Map.of(
      MetadataGroup.BOOKING, List.of("poNumber", "PO number"),
      MetadataGroup.REGISTRATION, List.of("adminEmail", "Buyer admin email"),
      MetadataGroup.CONTRACT, List.of("signerName", "Signed by"));

  private final MetadataFields fields;

  OfferFieldsPage(MetadataFields fields) {
    this.fields = fields;
  }

  @GetMapping("/settings/offer-fields")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String page(@AuthenticationPrincipal Caller caller, Model model) {
    List<Row> rows = new ArrayList<>();
    for (MetadataField f : fields.of(caller.organizationId())) {
      rows.add(new Row(rows.size(), f.group().name(), f.key(), f.label(), f.type().name(), f.required(), false));
    }
    return render(rows, Map.of(), null, model);
  }

  @PostMapping("/settings/offer-fields")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String save(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    List<Row> posted = posted(params);
    List<MetadataField> kept = new ArrayList<>();
    List<Integer> rowOfField = new ArrayList<>();
    for (Row row : posted) {
      if (row.remove() || row.blank()) {
        continue;
      }
      kept.add(new MetadataField(parse(MetadataGroup.class, row.group()), row.key().strip(), row.label(),
          parse(MetadataField.Type.class, row.type()), row.required()));
      rowOfField.add(row.index());
    }
    try {
      List<MetadataField> saved = fields.replace(caller, kept);
      redirect.addFlashAttribute("notice", saved.isEmpty() ? "Saved: offers have no metadata fields now."
          : saved.size() == 1 ? "Saved 1 field. The offer form asks for it from now on."
              : "Saved " + saved.size() + " fields. The offer form asks for them from now on.");
      return "redirect:/settings/offer-fields";
    } catch (ApiProblem problem) {
      // The rules name fields by their place among the kept rows; the page names them by row.
      Map<String, String> errors = new LinkedHashMap<>();
      for (ApiProblem.FieldError e : problem.errors()) {
        Matcher m = ROW.matcher(e.field());
        String at = e.field();
        if (m.find()) {
          int kept1 = Integer.parseInt(m.group(1));
          at = "fields[" + rowOfField.get(kept1) + "]." + e.field().substring(m.end());
        }
        errors.merge(at, e.message(), (a, b) -> a + "; " + b);
      }
      response.setStatus(problem.type().status().value());
      int n = errors.size();
      String alert = problem.errors().isEmpty() ? problem.getMessage()
          : n == 1 ? "One field needs a fix; it is marked below." : n + " fields need a fix; they are marked below.";
      return render(posted, errors, alert, model);
    }
  }

  private String render(List<Row> rows, Map<String, String> errors, String alert, Model model) {
    int next = rows.stream().mapToInt(Row::index).max().orElse(-1) + 1;
    List<GroupRows> groups = new ArrayList<>();
    for (MetadataGroup group : MetadataGroup.values()) {
      List<Row> mine = new ArrayList<>(rows.stream().filter(r -> r.group().equals(group.name())).toList());
      long blanks = mine.stream().filter(Row::blank).count();
      for (long i = blanks; i < BLANK_ROWS; i++) {
        mine.add(new Row(next++, group.name(), "", "", MetadataField.Type.TEXT.name(), false, false));
      }
      int example = mine.stream().filter(Row::blank).mapToInt(Row::index).findFirst().orElse(-1);
      groups.add(new GroupRows(group.name(), OfferPageModels.GROUP_TITLES.get(group), GROUP_HINTS.get(group), mine,
          example, EXAMPLES.get(group).get(0), EXAMPLES.get(group).get(1)));
    }
    model.addAttribute("groups", groups);
    model.addAttribute("types", MetadataField.Type.values());
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    return "settings/offer-fields";
  }

  private static List<Row> posted(Map<String, String> params) {
    TreeSet<Integer> indexes = new TreeSet<>();
    for (String name : params.keySet()) {
      Matcher m = ROW.matcher(name);
      if (m.find()) {
        indexes.add(Integer.parseInt(m.group(1)));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i : indexes) {
      String at = "fields[" + i + "].";
      rows.add(new Row(i, params.getOrDefault(at + "group", ""), params.getOrDefault(at + "key", ""),
          params.getOrDefault(at + "label", ""), params.getOrDefault(at + "type", ""),
          params.containsKey(at + "required"), params.containsKey(at + "remove")));
    }
    return rows;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
