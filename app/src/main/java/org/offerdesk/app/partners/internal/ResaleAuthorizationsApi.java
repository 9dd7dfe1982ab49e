package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.partners.PartnerOffersOfAuthorization;
import org.offerdesk.app.partners.PartnerOffersOfAuthorization.PartnerOfferLine;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The resale authorizations API: what the Partners pages do, for automation. */
@RestController
@RequestMapping("/api/v1/resale-authorizations")
@Tag(name = "Resale authorizations")
class ResaleAuthorizationsApi {

  private final ResaleAuthorizationCommands commands;
  private final ResaleAuthorizationStore store;
  private final List<PartnerOffersOfAuthorization> partnerOffers;
  private final ResaleApprovals approvals;

  ResaleAuthorizationsApi(ResaleAuthorizationCommands commands, ResaleAuthorizationStore store,
      List<PartnerOffersOfAuthorization> partnerOffers, ResaleApprovals approvals) {
    this.approvals = approvals;
    this.commands = commands;
    this.store = store;
    this.partnerOffers = partnerOffers;
  }

  /**
   * Authorizations a page at a time: filters {@code status}, {@code productId}, {@code resellerAccountId},
   * {@code q}, {@code createdFrom}/{@code createdTo}; {@code sort} one of -createdAt, createdAt, name;
   * {@code limit}; {@code cursor} from the previous page.
   */
  @GetMapping
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  @Parameters({
      @Parameter(name = "status", in = ParameterIn.QUERY,
          schema = @Schema(implementation = ResaleAuthorizationStatus.class)),
      @Parameter(name = "productId", in = ParameterIn.QUERY),
      @Parameter(name = "resellerAccountId", in = ParameterIn.QUERY),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "createdFrom", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "createdTo", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "sort", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<ResaleAuthorizationView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    return store.table(caller.organizationId(), ResaleAuthorizationTable.Filter.from(p))
        .page(p.page(ResaleAuthorizationTable.sort(p), CursorPage.DEFAULT_LIMIT))
        .map(ra -> ResaleAuthorizationView.of(ra, List.of(), List.of()));
  }

  @PostMapping
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<ResaleAuthorizationView> create(@AuthenticationPrincipal Caller caller,
      @RequestBody ResaleTerms terms) {
    return created(commands.create(caller, terms));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResaleAuthorizationView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(commands.get(caller, id));
  }

  /** Changes only the fields the body names, while the authorization is a draft. */
  @PatchMapping("/{id}")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResaleAuthorizationView patch(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody JsonNode patch) {
    return view(commands.patch(caller, id, patch));
  }

  @PostMapping("/{id}/publish")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<ResaleAuthorizationView> publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(commands.publish(caller, id)));
  }

  /** Submits a draft for approval (with a RESALE_AUTHORIZATION rule): 201 with the request's ID and rules. */
  @PostMapping("/{id}/approval-requests")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<ApprovalState.Submitted> submitForApproval(@AuthenticationPrincipal Caller caller,
      @PathVariable UUID id) {
    ApprovalState state = approvals.submit(caller, commands.get(caller, id));
    return ResponseEntity.created(state.requestUri()).body(state.submitted());
  }

  @PostMapping("/{id}/deactivate")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<ResaleAuthorizationView> deactivate(@AuthenticationPrincipal Caller caller,
      @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(commands.deactivate(caller, id)));
  }

  @PostMapping("/{id}/clone")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<ResaleAuthorizationView> cloneOf(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return created(commands.cloneOf(caller, id));
  }

  /** Every authorization the list's filters let through, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("resale-authorizations.csv", csv(store, caller, params));
  }

  static String csv(ResaleAuthorizationStore store, Caller caller, Map<String, String> params) {
    ResaleAuthorizationTable.Filter filter = TableParams.strictFilter(params, ResaleAuthorizationTable.Filter::from);
    return CsvColumn.csv(ResaleAuthorizationTable.CSV,
        row -> store.table(caller.organizationId(), filter).each(ResaleAuthorizationTable.NEWEST, row));
  }

  private ResponseEntity<ResaleAuthorizationView> created(ResaleAuthorization ra) {
    return ResponseEntity.created(URI.create("/api/v1/resale-authorizations/" + ra.id())).body(view(ra));
  }

  private ResaleAuthorizationView view(ResaleAuthorization ra) {
    return ResaleAuthorizationView.of(ra, offers(partnerOffers, ra), store.timeline(ra.organizationId(), ra.id()));
  }

  /** The partner offers made on a published authorization. */
  static List<PartnerOfferLine> offers(List<PartnerOffersOfAuthorization> sources, ResaleAuthorization ra) {
    if (ra.marketplaceId() == null) {
      return List.of();
    }
    return sources.stream().flatMap(s -> s.of(ra.organizationId(), ra.marketplaceId()).stream()).toList();
  }
}
