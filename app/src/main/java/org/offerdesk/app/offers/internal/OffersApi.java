package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
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
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
  private final OfferQueries queries;
  private final OfferStore store;
  private final MetadataFields fields;
  private final ObjectMapper mapper;
  private final PurchaseInstructions instructions;
  private final OfferAssociation association;
  private final OfferImports imports;
  private final OfferAmendments amendments;

  OffersApi(OfferCommands commands, OfferQueries queries, OfferStore store, MetadataFields fields,
      ObjectMapper mapper, PurchaseInstructions instructions, OfferAssociation association, OfferImports imports,
      OfferAmendments amendments) {
    this.amendments = amendments;
    this.instructions = instructions;
    this.association = association;
    this.imports = imports;
    this.commands = commands;
    this.queries = queries;
    this.store = store;
    this.fields = fields;
    this.mapper = mapper;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  CursorPage<OfferView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OfferStage stage,
      @RequestParam(required = false) OfferType type, @RequestParam(required = false) String productId,
      @RequestParam(required = false) String buyerAccountId, @RequestParam(required = false) String owner,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdTo,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresTo,
      @RequestParam(required = false) String sort, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    OfferQueries.Filter filter = new OfferQueries.Filter(stage, type, productId, buyerAccountId, owner, q,
        createdFrom, createdTo, expiresFrom, expiresTo);
    return queries.list(caller, filter, OfferQueries.Sort.parse(sort), cursor, CursorPage.limit(limit))
        .map(o -> OfferView.of(o, store.timeline(o.id())));
  }

  @GetMapping("/stage-counts")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  Map<OfferStage, Long> counts(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OfferType type,
      @RequestParam(required = false) String productId, @RequestParam(required = false) String q) {
    return queries.countsByStage(caller, new OfferQueries.Filter(null, type, productId, null, null, q, null, null,
        null, null));
  }

  @PostMapping
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> create(@AuthenticationPrincipal Caller caller, @RequestBody OfferInput input) {
    Offer offer = commands.create(caller, input);
    return ResponseEntity.created(URI.create("/api/v1/offers/" + offer.id())).body(view(offer));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  OfferView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(commands.get(caller, id));
  }

  /** Replaces the offer's terms with the body (send every field, as on create). */
  @PutMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  OfferView replace(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody OfferInput input) {
    return view(commands.update(caller, id, input));
  }

  /** Changes only the fields the body names (JSON merge patch over the offer's current terms). */
  @PatchMapping("/{id}")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  OfferView patch(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody JsonNode patch) {
    return view(commands.update(caller, id, merged(commands.get(caller, id), patch)));
  }

  @PostMapping("/{id}/publish")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) VersionBody body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(view(commands.publish(caller, id, body == null ? null : body.version())));
  }

  @PostMapping("/{id}/clone")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> cloneOffer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Offer copy = commands.cloneOffer(caller, id);
    return ResponseEntity.created(URI.create("/api/v1/offers/" + copy.id())).body(view(copy));
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
    return ResponseEntity.created(URI.create("/api/v1/offers/" + copy.id())).body(view(copy));
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
    Offer draft = amendments.amend(caller, id);
    return ResponseEntity.created(URI.create("/api/v1/offers/" + draft.id())).body(view(draft));
  }

  /** Imports one offer made outside OfferDesk: 201 when new, 200 when OfferDesk already had it. */
  @PostMapping("/associate")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferView> associate(@AuthenticationPrincipal Caller caller, @RequestBody AssociateBody body) {
    OfferAssociation.Associated result = association.associate(caller, body.marketplaceOfferId());
    return result.existed() ? ResponseEntity.ok(view(result.offer()))
        : ResponseEntity.created(URI.create("/api/v1/offers/" + result.offer().id())).body(view(result.offer()));
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

  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OfferStage stage,
      @RequestParam(required = false) OfferType type, @RequestParam(required = false) String productId,
      @RequestParam(required = false) String buyerAccountId, @RequestParam(required = false) String q) {
    String csv = OfferCsv.write(queries, caller, new OfferQueries.Filter(stage, type, productId, buyerAccountId, null,
        q, null, null, null, null));
    return CsvExport.attachment("offers.csv", csv);
  }

  private OfferView view(Offer offer) {
    List<String> warnings = offer.type() == OfferType.AMENDMENT && offer.stage().isDraft()
        ? store.baseline(offer.organizationId(), offer.id()).map(b -> b.warnings(offer.terms())).orElse(List.of()) : List.of();
    return OfferView.of(offer, store.timeline(offer.id()), warnings);
  }

  /** The offer's current terms as the API writes them, with the patch's fields laid over. */
  private OfferInput merged(Offer offer, JsonNode patch) {
    if (!patch.isObject()) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }
    ObjectNode current = mapper.valueToTree(OfferView.of(offer, List.of()));
    ObjectNode input = mapper.createObjectNode();
    for (String field : List.of("productId", "name", "description", "buyerAccountIds", "currency", "pricingModel",
        "dimensions", "durationMonths", "serviceStartDate", "serviceEndDate", "paymentSchedule", "expiresOn", "eula",
        "refundPolicy", "autoRenew", "metadata")) {
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
