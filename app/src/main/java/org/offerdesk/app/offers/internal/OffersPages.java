package org.offerdesk.app.offers.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.ProblemType;
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
 * The Offers pages of the console, where a deal desk spends its day: every offer in one table, the
 * offer form (new, edit, withdraw and reissue, amendment) and one offer with its terms, timeline and the
 * actions its stage allows (publish, clone, withdraw, amend, purchase instructions, with an amendment's
 * guardrail warnings). They call the same commands and queries as the API, so both behave alike.
 */
@Controller
class OffersPages {

  static final int PAGE_SIZE = 50;

  /** The filters of the offers table, in the order the form shows them. */
  static final List<String> FILTERS = List.of("q", "stage", "type", "productId", "buyerAccountId", "owner",
      "createdFrom", "createdTo", "expiresFrom", "expiresTo");

  /** Bootstrap colours of the stage badges: grey before the marketplace, blue on it, green once accepted. */
  static final Map<OfferStage, String> STAGE_STYLES = new EnumMap<>(Map.ofEntries(
      Map.entry(OfferStage.DRAFT, "text-bg-secondary"),
      Map.entry(OfferStage.PUBLISHING, "text-bg-info"),
      Map.entry(OfferStage.PUBLISH_FAILED, "text-bg-danger"),
      Map.entry(OfferStage.SENT, "text-bg-primary"),
      Map.entry(OfferStage.VIEWED, "text-bg-primary"),
      Map.entry(OfferStage.ACCEPTED, "text-bg-success"),
      Map.entry(OfferStage.REGISTERED, "text-bg-success"),
      Map.entry(OfferStage.PROVISIONED, "text-bg-success"),
      Map.entry(OfferStage.EXPIRED, "text-bg-warning"),
      Map.entry(OfferStage.CANCELLED, "text-bg-dark"),
      Map.entry(OfferStage.REPLACED, "text-bg-light border")));

  static final Map<MetadataGroup, String> GROUP_TITLES = new EnumMap<>(Map.of(
      MetadataGroup.BOOKING, "Booking data",
      MetadataGroup.REGISTRATION, "Registration information",
      MetadataGroup.CONTRACT, "Contract metadata"));

  /** What the fields are called on the page, for messages that name them. */
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("productId", "Listing"), Map.entry("name", "Name"), Map.entry("description", "Description"),
      Map.entry("buyerAccountIds", "Buyer AWS account IDs"), Map.entry("currency", "Currency"),
      Map.entry("pricingModel", "Pricing model"), Map.entry("dimensions", "Pricing"),
      Map.entry("durationMonths", "Duration"), Map.entry("serviceStartDate", "Service start date"),
      Map.entry("serviceEndDate", "Service end date"), Map.entry("paymentSchedule", "Payment schedule"),
      Map.entry("expiresOn", "Offer expires on"), Map.entry("eula.type", "Legal terms"),
      Map.entry("eula.url", "Custom EULA URL"), Map.entry("refundPolicy", "Refund policy"),
      Map.entry("type", "Type"));

  /** One line of the offers table. */
  record OfferRow(UUID id, String name, OfferType type, OfferStage stage, String listing, List<String> buyers,
      String total, String currency, LocalDate expiresOn, String marketplaceOfferId, String owner,
      Instant createdAt) {}

  /** A stage with how many offers are in it: a chip that filters the table, and a bar of the chart. */
  record StageCount(OfferStage stage, long count, int percent, String url, boolean active) {}

  /** A priced dimension of an offer as the offer page shows it. */
  record PricedLine(String key, String name, Long quantity, String unitPrice, String lineTotal) {}

  /** One metadata value with the label its admin gave it. */
  record MetadataLine(String key, String label, String value) {}

  /** A group of metadata with its title, for the offer page and the form. */
  record MetadataSection(String name, String title, List<MetadataField> fields, List<MetadataLine> lines) {}

  /** A dimension key the form offers, with what the listing calls it. */
  record DimensionOption(String key, String label) {}

  private final OfferCommands commands;
  private final OfferQueries queries;
  private final OfferStore store;
  private final MetadataFields fields;
  private final Listings listings;
  private final OfferOwners owners;
  private final OfferAmendments amendments;
  private final PurchaseInstructions instructions;
  private final OfferImports imports;
  private final Clock clock;

  OffersPages(OfferCommands commands, OfferQueries queries, OfferStore store, MetadataFields fields,
      Listings listings, OfferOwners owners, OfferAmendments amendments, PurchaseInstructions instructions,
      OfferImports imports, Clock clock) {
    this.amendments = amendments;
    this.instructions = instructions;
    this.imports = imports;
    this.commands = commands;
    this.queries = queries;
    this.store = store;
    this.fields = fields;
    this.listings = listings;
    this.owners = owners;
    this.clock = clock;
  }

  // The offers table.

  @GetMapping("/offers")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String offers(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    List<String> problems = new ArrayList<>();
    OfferQueries.Filter filter = filter(params, problems);
    String sort = params.getOrDefault("sort", "newest");
    OfferQueries.Sort parsedSort;
    try {
      parsedSort = OfferQueries.Sort.parse(sort);
    } catch (ApiProblem e) {
      problems.add("Unknown sort \"" + sort + "\"; showing the newest first.");
      parsedSort = OfferQueries.Sort.NEWEST;
      sort = "newest";
    }
    Map<String, String> listingNames = listings.all(caller.organizationId()).stream()
        .collect(Collectors.toMap(Listing::productId, Listing::title, (a, b) -> a, LinkedHashMap::new));
    int limit = PAGE_SIZE;
    try {
      limit = CursorPage.limit(params.get("limit") == null ? null : Integer.valueOf(params.get("limit")));
    } catch (ApiProblem | NumberFormatException e) {
      problems.add("A page holds 1 to " + CursorPage.MAX_LIMIT + " offers; showing " + PAGE_SIZE + ".");
    }
    CursorPage<Offer> page = queries.list(caller, filter, parsedSort, params.get("cursor"), limit);
    List<OfferRow> rows = page.items().stream().map(o -> row(o, listingNames)).toList();

    Map<OfferStage, Long> counts = queries.countsByStage(caller, filter);
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    Map<String, String> kept = kept(params);
    List<StageCount> chips = new ArrayList<>();
    for (OfferStage stage : OfferStage.values()) {
      Map<String, String> withStage = new LinkedHashMap<>(kept);
      withStage.put("stage", stage.name());
      long n = counts.get(stage);
      chips.add(new StageCount(stage, n, max == 0 ? 0 : (int) Math.max(n == 0 ? 0 : 2, n * 100 / max),
          url("/offers", withStage), stage == filter.stage()));
    }
    Map<String, String> withoutStage = new LinkedHashMap<>(kept);
    withoutStage.remove("stage");

    model.addAttribute("rows", rows);
    model.addAttribute("chips", chips);
    model.addAttribute("total", total);
    model.addAttribute("allStagesUrl", url("/offers", withoutStage));
    model.addAttribute("filters", kept);
    model.addAttribute("filtered", FILTERS.stream().anyMatch(kept::containsKey));
    model.addAttribute("sort", sort);
    model.addAttribute("problems", problems);
    model.addAttribute("stages", OfferStage.values());
    model.addAttribute("types", OfferType.values());
    model.addAttribute("listings", listingNames);
    model.addAttribute("owners", owners.of(caller.organizationId()));
    model.addAttribute("stageStyles", STAGE_STYLES);
    model.addAttribute("exportUrl", url("/offers/export.csv", withoutSort(kept)));
    Map<String, String> here = new LinkedHashMap<>(kept);
    if (params.get("cursor") != null && !params.get("cursor").isBlank()) {
      here.put("cursor", params.get("cursor"));
    }
    model.addAttribute("selfUrl", url("/offers", here));
    model.addAttribute("firstPageUrl", here.containsKey("cursor") ? url("/offers", kept) : null);
    if (page.nextCursor() != null) {
      Map<String, String> next = new LinkedHashMap<>(kept);
      next.put("cursor", page.nextCursor());
      model.addAttribute("nextUrl", url("/offers", next));
    }
    model.addAttribute("publishing", rows.stream().anyMatch(r -> r.stage() == OfferStage.PUBLISHING));
    model.addAttribute("importRun", importToShow(caller, params.get("import")).map(OfferImportPages.ImportProgress::of)
        .orElse(null));
    return "offers/index";
  }

  /** The table as CSV, every page of it, with the same filters as the page it was exported from. */
  @GetMapping("/offers/export.csv")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    List<String> problems = new ArrayList<>();
    OfferQueries.Filter filter = filter(params, problems);
    if (!problems.isEmpty()) {
      throw new ApiProblem(ProblemType.VALIDATION, String.join(" ", problems));
    }
    return CsvExport.attachment("offers.csv", OfferCsv.write(queries, caller, filter));
  }

  // One offer.

  @GetMapping("/offers/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String offer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    return offerPage(caller, commands.get(caller, id), model);
  }

  private String offerPage(Caller caller, Offer offer, Model model) {
    UUID id = offer.id();
    Optional<Listing> listing = Optional.ofNullable(offer.terms().productId())
        .flatMap(p -> listings.find(caller.organizationId(), p));
    model.addAttribute("offer", OfferView.of(offer, store.timeline(id)));
    model.addAttribute("listingTitle", listing.map(Listing::title).orElse(offer.terms().productId()));
    model.addAttribute("lines", lines(offer, listing));
    model.addAttribute("metadata", sections(offer.terms().metadata(), fields.of(caller.organizationId())));
    model.addAttribute("publishErrors", offer.publishErrors().stream().collect(Collectors.toMap(
        e -> normalize(e.field()), Offer.PublishError::message, (a, b) -> a + "; " + b, LinkedHashMap::new)));
    model.addAttribute("stageStyles", STAGE_STYLES);
    model.addAttribute("labels", LABELS);
    model.addAttribute("warnings", warnings(offer));
    if (!model.containsAttribute("instructions")) {
      model.addAttribute("instructions", Map.of("to", "", "note", ""));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "offers/offer";
  }

  /**
   * What the offer page polls while the offer is publishing: the progress panel, or, once the stage
   * has moved on, a request to reload the page so that its IDs and buttons follow.
   */
  @GetMapping("/offers/{id}/progress")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String progress(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    if (offer.stage() != OfferStage.PUBLISHING) {
      response.setHeader("HX-Refresh", "true");
    }
    model.addAttribute("offer", OfferView.of(offer, store.timeline(id)));
    model.addAttribute("stageStyles", STAGE_STYLES);
    return "offers/offer :: progress";
  }

  @PostMapping("/offers/{id}/publish")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
    commands.get(caller, id);
    try {
      commands.publish(caller, id, version);
      redirect.addFlashAttribute("notice", "Publishing to the marketplace: the change set is submitted; this page "
          + "follows it until the offer is sent.");
    } catch (ApiProblem problem) {
      fail(problem, redirect);
    }
    return "redirect:/offers/" + id;
  }

  @PostMapping("/offers/{id}/clone")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String cloneOffer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    Offer copy = commands.cloneOffer(caller, id);
    redirect.addFlashAttribute("notice", "Cloned into a new draft, \"" + copy.terms().name()
        + "\": change what differs and save.");
    return "redirect:/offers/" + copy.id() + "/edit";
  }

  @PostMapping("/offers/{id}/cancel")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    Offer before = commands.get(caller, id);
    try {
      commands.cancel(caller, id);
      redirect.addFlashAttribute("notice", before.stage().isOpen()
          ? "Withdrawn: the offer's availability on the marketplace ends now."
          : "Withdrawn: the draft is cancelled.");
    } catch (ApiProblem problem) {
      fail(problem, redirect);
    }
    return "redirect:/offers/" + id;
  }

  /** Amend: drafts the replacement of an accepted offer's agreement and opens it in the form. */
  @PostMapping("/offers/{id}/amend")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String amend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    commands.get(caller, id);
    try {
      Offer draft = amendments.amend(caller, id);
      redirect.addFlashAttribute("notice", "Amendment drafted from agreement " + draft.sourceAgreementId()
          + " as the marketplace holds it, with the installments not yet due. Change what was agreed, save, and "
          + "publish it: once the buyer accepts, it replaces the agreement.");
      return "redirect:/offers/" + draft.id() + "/edit";
    } catch (ApiProblem problem) {
      redirect.addFlashAttribute("alert", "Not amended: " + problem.getMessage());
      return "redirect:/offers/" + id;
    }
  }

  /** Purchase instructions: the buyer's contacts get the offer's summary and a link to it. */
  @PostMapping("/offers/{id}/purchase-instructions")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String sendInstructions(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String to, @RequestParam(required = false) String note, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    List<String> recipients = to == null ? List.of()
        : Arrays.stream(to.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    try {
      instructions.send(caller, id, recipients, blankToNull(note));
      redirect.addFlashAttribute("notice", "Purchase instructions sent to " + String.join(", ", recipients)
          + ". The offer becomes VIEWED when a buyer opens their link.");
      return "redirect:/offers/" + id;
    } catch (ApiProblem problem) {
      if (problem.errors().isEmpty()) {
        redirect.addFlashAttribute("alert", "Purchase instructions not sent: " + problem.getMessage());
        return "redirect:/offers/" + id;
      }
      Map<String, String> errors = new LinkedHashMap<>();
      for (ApiProblem.FieldError e : problem.errors()) {
        String field = e.field();
        String message = e.message();
        if (field.startsWith("to[")) {
          int index = Integer.parseInt(field.substring(3, field.indexOf(']')));
          message = "\"" + (index < recipients.size() ? recipients.get(index) : "") + "\" " + message;
          field = "to";
        }
        errors.merge(field, message, (a, b) -> a + "; " + b);
      }
      response.setStatus(problem.type().status().value());
      Map<String, String> typed = new LinkedHashMap<>();
      typed.put("to", to == null ? "" : to);
      typed.put("note", note == null ? "" : note);
      model.addAttribute("instructions", typed);
      model.addAttribute("errors", errors);
      model.addAttribute("alert", "Purchase instructions not sent: fix what is marked below.");
      return offerPage(caller, offer, model);
    }
  }

  // The offer form.

  @GetMapping("/offers/new")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String newOffer(@AuthenticationPrincipal Caller caller, Model model) {
    List<Listing> offerable = offerable(caller, null);
    OfferForm form = OfferForm.blank(offerable.size() == 1 ? offerable.get(0).productId() : null, today());
    return form(caller, "new", null, form, Map.of(), null, model);
  }

  @PostMapping("/offers/new")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String create(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    OfferForm form = OfferForm.posted(params);
    try {
      OfferInput input = checked(caller, form);
      Offer offer = commands.create(caller, input);
      redirect.addFlashAttribute("notice", "Draft saved. Publish it when it is ready for the buyer.");
      return "redirect:/offers/" + offer.id();
    } catch (ApiProblem problem) {
      response.setStatus(problem.type().status().value());
      return form(caller, "new", null, form, errors(problem), alert(problem), model);
    }
  }

  @GetMapping("/offers/{id}/edit")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String edit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    if (!offer.stage().isDraft() && !offer.stage().isOpen()) {
      redirect.addFlashAttribute("alert", notEditable(offer));
      return "redirect:/offers/" + id;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    offer.publishErrors().forEach(e -> errors.merge(normalize(e.field()), e.message(), (a, b) -> a + "; " + b));
    return form(caller, offer.stage().isOpen() ? "released" : "draft", offer, OfferForm.of(offer), errors, null,
        model);
  }

  @PostMapping("/offers/{id}/edit")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    boolean released = offer.stage().isOpen();
    // A released offer's form sends only what may still change; the rest is the offer's own terms.
    OfferForm form = released ? OfferForm.overlay(offer, params) : OfferForm.posted(params);
    try {
      OfferInput input = checked(caller, form);
      commands.update(caller, id, input);
      redirect.addFlashAttribute("notice", released
          ? "Saved. Changes to name, description or expiry are sent to the marketplace."
          : "Draft saved.");
      return "redirect:/offers/" + id;
    } catch (ApiProblem problem) {
      response.setStatus(problem.type().status().value());
      return form(caller, released ? "released" : "draft", offer, form, errors(problem), alert(problem), model);
    }
  }

  /** Withdraw and reissue: the whole form, on a copy of the released offer's terms. */
  @GetMapping("/offers/{id}/reissue")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String reissueForm(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    if (!offer.stage().isOpen()) {
      redirect.addFlashAttribute("alert", "Only a sent or viewed offer can be withdrawn and reissued; this one is "
          + offer.stage() + ".");
      return "redirect:/offers/" + id;
    }
    return form(caller, "reissue", offer, OfferForm.of(offer), Map.of(), null, model);
  }

  @PostMapping("/offers/{id}/reissue")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String reissue(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    OfferForm form = OfferForm.posted(params);
    try {
      OfferInput input = checked(caller, form);
      Offer copy = commands.reissue(caller, id, input);
      redirect.addFlashAttribute("notice", "Withdrew \"" + offer.terms().name()
          + "\" and published this corrected copy in its place.");
      return "redirect:/offers/" + copy.id();
    } catch (ApiProblem problem) {
      response.setStatus(problem.type().status().value());
      return form(caller, "reissue", offer, form, errors(problem), alert(problem), model);
    }
  }

  private String form(Caller caller, String mode, Offer offer, OfferForm form, Map<String, String> errors,
      String alert, Model model) {
    List<MetadataField> defined = fields.of(caller.organizationId());
    List<Listing> offerable = offerable(caller, form.get("productId"));
    model.addAttribute("mode", mode);
    model.addAttribute("frozen", "released".equals(mode));
    model.addAttribute("offer", offer == null ? null : OfferView.of(offer, List.of()));
    model.addAttribute("action", switch (mode) {
      case "new" -> "/offers/new";
      case "reissue" -> "/offers/" + offer.id() + "/reissue";
      default -> "/offers/" + offer.id() + "/edit";
    });
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    model.addAttribute("listings", offerable);
    model.addAttribute("dimensionOptions", dimensionOptions(offerable, form));
    model.addAttribute("currencies", OfferRules.CURRENCIES.stream().sorted().toList());
    model.addAttribute("pricingModels", OfferTerms.PricingModel.values());
    model.addAttribute("metadata", sections(OfferTerms.Metadata.empty(), defined));
    model.addAttribute("labels", LABELS);
    model.addAttribute("stageStyles", STAGE_STYLES);
    model.addAttribute("warnings", offer == null || "reissue".equals(mode) ? List.of() : warnings(offer));
    return "offers/form";
  }

  /**
   * The input the form makes; when some of it could not even be read, the rules still run on the rest
   * so that every problem is shown at once, and nothing is written.
   */
  private OfferInput checked(Caller caller, OfferForm form) {
    List<MetadataField> defined = fields.of(caller.organizationId());
    OfferInput input = form.toInput(defined);
    List<ApiProblem.FieldError> unreadable = form.unreadable();
    if (unreadable.isEmpty()) {
      return input;
    }
    OfferTerms terms = input.toTerms();
    List<ApiProblem.FieldError> all = new ArrayList<>(unreadable);
    Optional<Listing> listing = terms.productId() == null ? Optional.empty()
        : listings.find(caller.organizationId(), terms.productId());
    for (ApiProblem.FieldError e : OfferRules.check(terms, listing, defined, today())) {
      if (unreadable.stream().noneMatch(u -> u.field().equals(e.field()))) {
        all.add(e);
      }
    }
    throw ApiProblem.invalid(all);
  }

  // Helpers.

  /**
   * The guardrails of an amendment draft, which the marketplaces do not give: what it would bill twice,
   * a different product, a shorter term. The same as the API's {@code warnings}.
   */
  private List<String> warnings(Offer offer) {
    if (offer.type() != OfferType.AMENDMENT || !offer.stage().isDraft()) {
      return List.of();
    }
    return store.baseline(offer.organizationId(), offer.id()).map(b -> b.warnings(offer.terms())).orElse(List.of());
  }

  /** The import the table page shows: the one asked for, or one still running. */
  private Optional<OfferImports.ImportRun> importToShow(Caller caller, String asked) {
    if (asked != null && !asked.isBlank()) {
      try {
        Optional<OfferImports.ImportRun> run = imports.get(caller.organizationId(), UUID.fromString(asked.strip()));
        if (run.isPresent()) {
          return run;
        }
      } catch (IllegalArgumentException e) {
        // not an import ID: show what is running, if anything
      }
    }
    return imports.latest(caller.organizationId()).filter(r -> "RUNNING".equals(r.status()));
  }

  private OfferRow row(Offer o, Map<String, String> listingNames) {
    OfferTerms t = o.terms();
    return new OfferRow(o.id(), t.name(), o.type(), o.stage(), listingNames.getOrDefault(t.productId(),
        t.productId()), t.buyerAccountIds(), total(t), t.currency(), t.expiresOn(), o.marketplaceOfferId(),
        o.owner(), o.createdAt());
  }

  private static String total(OfferTerms t) {
    return t.pricingModel() == OfferTerms.PricingModel.USAGE ? "usage"
        : MoneyFormat.amount(t.contractTotal().orElse(null));
  }

  private static List<PricedLine> lines(Offer offer, Optional<Listing> listing) {
    OfferTerms t = offer.terms();
    Optional<Currency> currency = t.currencyUnit();
    List<PricedLine> lines = new ArrayList<>();
    for (OfferTerms.PricedDimension d : t.dimensions()) {
      String name = listing.flatMap(l -> l.dimension(d.key())).map(Listing.Dimension::name).orElse(d.key());
      Money unit = d.unitPrice() == null ? null : currency.map(d::unitPrice).orElse(null);
      Money line = unit != null && d.quantity() != null && t.pricingModel() == OfferTerms.PricingModel.CONTRACT
          ? unit.times(d.quantity()) : null;
      lines.add(new PricedLine(d.key(), name, d.quantity(), MoneyFormat.amount(unit),
          line == null && t.pricingModel() == OfferTerms.PricingModel.USAGE ? "" : MoneyFormat.amount(line)));
    }
    return lines;
  }

  /** Each group's defined fields with the offer's values, and any value whose field was since removed. */
  private static List<MetadataSection> sections(OfferTerms.Metadata metadata, List<MetadataField> defined) {
    List<MetadataSection> sections = new ArrayList<>();
    for (MetadataGroup group : MetadataGroup.values()) {
      List<MetadataField> groupFields = defined.stream().filter(f -> f.group() == group).toList();
      Map<String, Object> values = metadata.group(group);
      List<MetadataLine> lines = new ArrayList<>();
      for (MetadataField f : groupFields) {
        Object value = values.get(f.key());
        lines.add(new MetadataLine(f.key(), f.label(), shown(value)));
      }
      values.forEach((key, value) -> {
        if (groupFields.stream().noneMatch(f -> f.key().equals(key))) {
          lines.add(new MetadataLine(key, key, shown(value)));
        }
      });
      sections.add(new MetadataSection(group.name().toLowerCase(), GROUP_TITLES.get(group), groupFields, lines));
    }
    return sections;
  }

  private static String shown(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof Boolean b ? (b ? "Yes" : "No") : String.valueOf(value);
  }

  private List<Listing> offerable(Caller caller, String current) {
    return listings.all(caller.organizationId()).stream()
        .filter(l -> l.state().acceptsOffers() || l.productId().equals(current)).toList();
  }

  /** Every dimension key of the listings, and any key the form holds that none of them has (kept as typed). */
  private static List<DimensionOption> dimensionOptions(List<Listing> offerable, OfferForm form) {
    Map<String, DimensionOption> options = new LinkedHashMap<>();
    String chosen = form.get("productId");
    List<Listing> ordered = new ArrayList<>(offerable);
    ordered.sort((a, b) -> Boolean.compare(!a.productId().equals(chosen), !b.productId().equals(chosen)));
    for (Listing l : ordered) {
      for (Listing.Dimension d : l.dimensions()) {
        String label = d.key() + (d.name() == null || d.name().equals(d.key()) ? "" : " · " + d.name())
            + (d.isContract() ? "" : " (usage)");
        options.putIfAbsent(d.key(), new DimensionOption(d.key(), label));
      }
    }
    for (OfferForm.DimensionRow row : form.dimensionRows()) {
      if (!row.key().isBlank()) {
        options.putIfAbsent(row.key(), new DimensionOption(row.key(), row.key() + " (not on your listings)"));
      }
    }
    return List.copyOf(options.values());
  }

  private OfferQueries.Filter filter(Map<String, String> params, List<String> problems) {
    return new OfferQueries.Filter(
        parse(params, "stage", OfferStage::valueOf, "Unknown stage", problems),
        parse(params, "type", OfferType::valueOf, "Unknown type", problems),
        blankToNull(params.get("productId")), blankToNull(params.get("buyerAccountId")),
        blankToNull(params.get("owner")), blankToNull(params.get("q")),
        parse(params, "createdFrom", LocalDate::parse, "Not a date", problems),
        parse(params, "createdTo", LocalDate::parse, "Not a date", problems),
        parse(params, "expiresFrom", LocalDate::parse, "Not a date", problems),
        parse(params, "expiresTo", LocalDate::parse, "Not a date", problems));
  }

  private static <T> T parse(Map<String, String> params, String name, Function<String, T> parser, String problem,
      List<String> problems) {
    String value = blankToNull(params.get(name));
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      problems.add(problem + " for " + name + ": \"" + value + "\"; that filter is ignored.");
      return null;
    }
  }

  /** The filters and sort that are set, to carry into links. */
  private static Map<String, String> kept(Map<String, String> params) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : FILTERS) {
      String v = blankToNull(params.get(name));
      if (v != null) {
        kept.put(name, v);
      }
    }
    String sort = blankToNull(params.get("sort"));
    if (sort != null && !sort.equals("newest")) {
      kept.put("sort", sort);
    }
    String limit = blankToNull(params.get("limit"));
    if (limit != null) {
      kept.put("limit", limit);
    }
    return kept;
  }

  private static Map<String, String> withoutSort(Map<String, String> kept) {
    Map<String, String> copy = new LinkedHashMap<>(kept);
    copy.remove("sort");
    copy.remove("limit");
    return copy;
  }

  static String url(String path, Map<String, String> query) {
    if (query.isEmpty()) {
      return path;
    }
    return path + "?" + query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Errors by the name of the input they belong to: each buyer's error goes under the buyers box. */
  private static Map<String, String> errors(ApiProblem problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (ApiProblem.FieldError e : problem.errors()) {
      String field = e.field();
      String message = e.message();
      if (field.startsWith("buyerAccountIds[")) {
        int index = Integer.parseInt(field.substring("buyerAccountIds[".length(), field.indexOf(']')));
        field = "buyerAccountIds";
        message = "line " + (index + 1) + ": " + message;
      }
      errors.merge(normalize(field), message, (a, b) -> a + "; " + b);
    }
    return errors;
  }

  private static String normalize(String field) {
    return field.equals("eula") ? "eula.type" : field;
  }

  /** The message above the form: what a conflict says, or how many fields need a fix. */
  private static String alert(ApiProblem problem) {
    if (problem.type() == ProblemType.CONFLICT) {
      return problem.getMessage();
    }
    if (problem.errors().isEmpty()) {
      return problem.getMessage();
    }
    int n = problem.errors().size();
    return n == 1 ? "One field needs a fix; it is marked below." : n + " fields need a fix; they are marked below.";
  }

  private static void fail(ApiProblem problem, RedirectAttributes redirect) {
    String detail = problem.errors().isEmpty() ? problem.getMessage()
        : problem.errors().stream().map(e -> LABELS.getOrDefault(e.field(), e.field()) + " " + e.message())
            .collect(Collectors.joining("; "));
    redirect.addFlashAttribute("alert", (problem.type() == ProblemType.VALIDATION
        ? "Not published: fix these first (Edit): " : "") + detail);
  }

  private static String notEditable(Offer offer) {
    if (offer.stage().isAccepted()) {
      return "This offer was accepted and can no longer be edited; amend its agreement instead.";
    }
    return "An offer that is " + offer.stage() + " cannot be edited" + (offer.stage() == OfferStage.PUBLISHING
        ? " while it is being published; wait until it is sent." : ".");
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
