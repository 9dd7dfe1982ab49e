package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.ProblemType;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The offers API: everything the console does, for automation. */
@RestController
@RequestMapping("/api/v1/offers")
@Tag(name = "Offers")
class OffersApi {

  record VersionBody(Integer version) {}

  record InstructionsBody(List<String> to, String note) {}

  record AssociateBody(String marketplaceOfferId) {}

  private final OfferCommands commands;
  private final OfferStore store;
  private final MetadataFields fields;
  private final ObjectMapper mapper;
  private final PurchaseInstructions instructions;
  private final OfferAssociation association;
  private final OfferImports imports;
  private final OfferAmendments amendments;
  private final PartnerOffers partnerOffers;
  private final PartnerOfferStore partners;
  private final PartnerOfferLinks links;
  private final OfferRenewals renewals;
  private final TransactionTemplate oneConnection;
  private final ListedOfferViews views;

  OffersApi(OfferCommands commands, OfferStore store, MetadataFields fields,
      ObjectMapper mapper, PurchaseInstructions instructions, OfferAssociation association, OfferImports imports,
      OfferAmendments amendments, PartnerOffers partnerOffers, PartnerOfferStore partners, PartnerOfferLinks links,
      OfferRenewals renewals, PlatformTransactionManager transactions) {
    // The list's reads share one pool checkout without a database transaction (no BEGIN, no COMMIT round trip):
    // at READ COMMITTED a transaction gave its statements no common snapshot anyway (each statement takes its
    // own), and every statement here only reads. SUPPORTS binds the first connection to the thread until the
    // callback ends.
    this.oneConnection = new TransactionTemplate(transactions);
    this.oneConnection.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
    this.oneConnection.setReadOnly(true);
    this.views = new ListedOfferViews(store.parsed());
    this.partnerOffers = partnerOffers;
    this.links = links;
    this.partners = partners;
    this.amendments = amendments;
    this.renewals = renewals;
    this.instructions = instructions;
    this.association = association;
    this.imports = imports;
    this.commands = commands;
    this.store = store;
    this.fields = fields;
    this.mapper = mapper;
  }

  /**
   * Offers a page at a time: filters {@code stage}, {@code type}, {@code productId}, {@code buyerAccountId},
   * {@code owner}, {@code q}, {@code createdFrom}/{@code createdTo}, {@code expiresFrom}/{@code expiresTo}
   * (dates YYYY-MM-DD), for partner offers {@code resellerAccountId} and {@code resaleAuthorizationId}
   * ({@code resaleauthz-…}); {@code sort} one of -createdAt, createdAt, expiresOn, name; {@code limit};
   * {@code cursor} from the previous page.
   */
  @GetMapping
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  @Parameters({
      @Parameter(name = "stage", in = ParameterIn.QUERY, schema = @Schema(implementation = OfferStage.class)),
      @Parameter(name = "type", in = ParameterIn.QUERY, schema = @Schema(implementation = OfferType.class)),
      @Parameter(name = "productId", in = ParameterIn.QUERY),
      @Parameter(name = "buyerAccountId", in = ParameterIn.QUERY),
      @Parameter(name = "owner", in = ParameterIn.QUERY),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "createdFrom", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "createdTo", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "expiresFrom", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "expiresTo", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "open", in = ParameterIn.QUERY, description = "true: only offers sent or viewed, not yet accepted",
          schema = @Schema(type = "boolean")),
      @Parameter(name = "resellerAccountId", in = ParameterIn.QUERY),
      @Parameter(name = "resaleAuthorizationId", in = ParameterIn.QUERY),
      @Parameter(name = "sort", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<OfferView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    OfferTable.Filter filter = OfferTable.Filter.from(p);
    UUID org = caller.organizationId();
    // The page, its timelines and its partner offers' terms on one connection.
    return oneConnection.execute(status -> {
      Map<UUID, ParsedOfferJson.Parsed> listed = new HashMap<>();
      CursorPage<Offer> page = store.table(org, filter, listed)
          .page(p.page(OfferTable.sort(p), CursorPage.DEFAULT_LIMIT));
      Map<UUID, List<OfferStore.TimelineEntry>> timelines = store.timelines().of(org,
          page.items().stream().map(Offer::id).toList(), listed);
      List<UUID> partnerOffers = page.items().stream().filter(o -> o.type() == OfferType.PARTNER).map(Offer::id)
          .toList();
      Map<UUID, PartnerTerms> terms = partners.findAll(org, partnerOffers);
      Map<UUID, PartnerOfferLinks.Link> partnerLinks = links.linksOf(org, partnerOffers);
      return page.map(o -> views.of(o, timelines.get(o.id()), terms.get(o.id()), partnerLinks.get(o.id()),
          listed.get(o.id())));
    });
  }

  @GetMapping("/stage-counts")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  Map<OfferStage, Long> counts(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OfferType type,
      @RequestParam(required = false) String productId, @RequestParam(required = false) String q) {
    return store.countsByStage(caller.organizationId(), new OfferTable.Filter(null, type, productId, null, null, q,
        null, null, null, null, false, null, null));
  }

  @PostMapping
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> create(@AuthenticationPrincipal Caller caller, @RequestBody OfferInput input) {
    return created(input.type() == OfferType.PARTNER ? partnerOffers.create(caller, input)
        : commands.create(caller, input));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  OfferView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    // The offer and its timeline in one statement on one pool checkout (as the list's reads): a client waiting for
    // its offer's publish looks every few hundred milliseconds, 50 such clients hundreds of times a second.
    return oneConnection.execute(status -> store.findWithTimeline(caller.organizationId(), id)
        .map(read -> view(read.offer(), read.timeline()))
        .orElseThrow(() -> new NotFound("Offer " + id)));
  }

  /** Replaces the offer's terms with the body (send every field, as on create). */
  @PutMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  OfferView replace(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody OfferInput input) {
    return view(update(caller, id, input));
  }

  /** Changes only the fields the body names (JSON merge patch over the offer's current terms). */
  @PatchMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  OfferView patch(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody JsonNode patch) {
    return view(update(caller, id, merged(commands.get(caller, id), patch)));
  }

  private Offer update(Caller caller, UUID id, OfferInput input) {
    Offer offer = commands.get(caller, id);
    return offer.type() == OfferType.PARTNER ? partnerOffers.update(caller, offer, input)
        : commands.update(caller, id, input);
  }

  @PostMapping("/{id}/publish")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) VersionBody body) {
    Offer offer = commands.get(caller, id);
    Integer version = body == null ? null : body.version();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(offer.type() == OfferType.PARTNER
        ? partnerOffers.publish(caller, offer, version) : commands.publish(caller, offer, version)));
  }

  @PostMapping("/{id}/clone")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> cloneOffer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return created(commands.cloneOffer(caller, id));
  }

  /** An expired offer again as a new draft, its expiry, service dates and installments moved to today. */
  @PostMapping("/{id}/clone-with-new-dates")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> cloneWithNewDates(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return created(renewals.cloneWithNewDates(caller, id));
  }

  @PostMapping("/{id}/cancel")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  OfferView cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(commands.cancel(caller, id));
  }

  /** Withdraws a released offer and publishes a corrected copy: the body changes the copy (merge patch). */
  @PostMapping("/{id}/reissue")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> reissue(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) JsonNode corrections) {
    Offer old = commands.get(caller, id);
    Offer copy = commands.reissue(caller, id, merged(old, corrections == null ? mapper.createObjectNode() : corrections));
    return created(copy);
  }

  /** Emails the buyer's contacts the offer summary and a link; opening it marks the offer VIEWED. */
  @PostMapping("/{id}/purchase-instructions")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<Map<String, Object>> sendInstructions(@AuthenticationPrincipal Caller caller,
      @PathVariable UUID id, @RequestBody InstructionsBody body) {
    List<UUID> emails = instructions.send(caller, id, body.to(), body.note());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("emails", emails));
  }

  /** Drafts an amendment (replacement offer) of an accepted offer's agreement, prefilled from its terms. */
  @PostMapping("/{id}/amend")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> amend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return created(amendments.amend(caller, id));
  }

  /** Imports one offer made outside OfferDesk: 201 when new, 200 when OfferDesk already had it. */
  @PostMapping("/associate")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> associate(@AuthenticationPrincipal Caller caller, @RequestBody AssociateBody body) {
    OfferAssociation.Associated result = association.associate(caller, body.marketplaceOfferId());
    return result.existed() ? ResponseEntity.ok(view(result.offer()))
        : created(result.offer());
  }

  /** Starts "Import all": scans the account and associates every offer OfferDesk lacks. */
  @PostMapping("/import")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferImports.ImportRun> importAll(@AuthenticationPrincipal Caller caller) {
    OfferImports.ImportRun run = imports.start(caller);
    return ResponseEntity.accepted().location(URI.create("/api/v1/offers/imports/" + run.id())).body(run);
  }

  @GetMapping("/imports/{importId}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  OfferImports.ImportRun importProgress(@AuthenticationPrincipal Caller caller, @PathVariable UUID importId) {
    return imports.get(caller.organizationId(), importId).orElseThrow(() -> new NotFound("Import " + importId));
  }

  @GetMapping("/metadata-fields")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  Map<String, List<MetadataField>> metadataFields(@AuthenticationPrincipal Caller caller) {
    return Map.of("items", fields.of(caller.organizationId()));
  }

  @PutMapping("/metadata-fields")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  Map<String, List<MetadataField>> saveMetadataFields(@AuthenticationPrincipal Caller caller,
      @RequestBody Map<String, List<MetadataField>> body) {
    return Map.of("items", fields.replace(caller, body.getOrDefault("items", List.of())));
  }

  /** Every offer under the list's filters, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("offers.csv", csv(store, caller, params));
  }

  /** The export of the API and of the page: every offer the (strictly read) filters let through. */
  static String csv(OfferStore store, Caller caller, Map<String, String> params) {
    OfferTable.Filter filter = TableParams.strictFilter(params, OfferTable.Filter::from);
    return CsvColumn.csv(OfferTable.CSV,
        row -> store.table(caller.organizationId(), filter).each(OfferTable.NEWEST, row));
  }

  /** A partner offer's authorization and reseller; null for other offers. */
  private PartnerOfferLinks.Link partnerLink(Offer offer) {
    return offer.type() == OfferType.PARTNER ? links.linkOf(offer.organizationId(), offer.id()).orElse(null) : null;
  }

  /** 201 with the offer and where it lives. */
  private ResponseEntity<OfferView> created(Offer offer) {
    return ResponseEntity.created(URI.create("/api/v1/offers/" + offer.id())).body(view(offer));
  }

  private OfferView view(Offer offer) {
    return view(offer, store.timeline(offer.organizationId(), offer.id()));
  }

  private OfferView view(Offer offer, List<OfferStore.TimelineEntry> timeline) {
    return OfferView.of(offer, timeline,
        OfferPageModels.warnings(store, offer), partnerTerms(offer)).withPartner(partnerLink(offer));
  }

  private PartnerTerms partnerTerms(Offer offer) {
    return offer.type() == OfferType.PARTNER ? partners.find(offer.organizationId(), offer.id()).orElse(null) : null;
  }

  /** The offer's current terms as the API writes them, with the patch's fields laid over. */
  private OfferInput merged(Offer offer, JsonNode patch) {
    if (!patch.isObject()) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }
    ObjectNode current = mapper.valueToTree(OfferView.of(offer, List.of(), List.of(), partnerTerms(offer)));
    ObjectNode input = mapper.createObjectNode();
    for (String field : List.of("productId", "name", "description", "buyerAccountIds", "currency", "pricingModel",
        "dimensions", "durationMonths", "serviceStartDate", "serviceEndDate", "paymentSchedule", "expiresOn", "eula",
        "refundPolicy", "autoRenew", "metadata", "type", "resaleAuthorizationId", "markupPercent")) {
      if (current.has(field)) {
        input.set(field, current.get(field));
      }
    }
    input.put("version", offer.version());
    patch.fields().forEachRemaining(e -> input.set(e.getKey(), e.getValue()));
    try {
      return mapper.treeToValue(input, OfferInput.class);
    } catch (IOException e) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The patch could not be applied: "
          + e.getMessage().split("\n")[0]);
    }
  }
}
