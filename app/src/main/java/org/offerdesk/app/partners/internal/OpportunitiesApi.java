package org.offerdesk.app.partners.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A reseller's opportunities: the resale authorizations shared with it, synced from the marketplace. */
@RestController
@RequestMapping("/api/v1/opportunities")
@Tag(name = "Opportunities")
class OpportunitiesApi {

  private final OpportunityStore store;
  private final OpportunitySync sync;
  private final Clock clock;

  OpportunitiesApi(OpportunityStore store, OpportunitySync sync, Clock clock) {
    this.store = store;
    this.sync = sync;
    this.clock = clock;
  }

  /** Opportunities a page at a time, newest first: filters {@code isvAccountId}, {@code productId}, {@code q}. */
  @GetMapping
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  @Parameters({
      @Parameter(name = "isvAccountId", in = ParameterIn.QUERY),
      @Parameter(name = "productId", in = ParameterIn.QUERY),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<OpportunityView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    LocalDate today = today(clock);
    return store.table(caller.organizationId(), OpportunityTable.Filter.from(p))
        .page(p.page(OpportunityTable.NEWEST, CursorPage.DEFAULT_LIMIT)).map(o -> OpportunityView.of(o, today));
  }

  @GetMapping("/{resaleAuthorizationId}")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  OpportunityView get(@AuthenticationPrincipal Caller caller, @PathVariable String resaleAuthorizationId) {
    return OpportunityView.of(find(store, caller, resaleAuthorizationId), today(clock));
  }

  /** Reads the authorizations shared with the organization's marketplace account now. */
  @PostMapping("/sync")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  OpportunitySync.SyncResult sync(@AuthenticationPrincipal Caller caller) {
    return sync.sync(caller.organizationId());
  }

  /** Every opportunity under the list's filters, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("opportunities.csv", csv(store, caller, params));
  }

  /** The export of the API and of the page: every opportunity the (strictly read) filters let through. */
  static String csv(OpportunityStore store, Caller caller, Map<String, String> params) {
    OpportunityTable.Filter filter = TableParams.strictFilter(params, OpportunityTable.Filter::from);
    return CsvColumn.csv(OpportunityTable.CSV,
        row -> store.table(caller.organizationId(), filter).each(OpportunityTable.NEWEST, row));
  }

  /** The caller's opportunity, or 404: another reseller's authorization is as unknown as one that never was. */
  static Opportunity find(OpportunityStore store, Caller caller, String resaleAuthorizationId) {
    return store.find(caller.organizationId(), resaleAuthorizationId)
        .orElseThrow(() -> new NotFound("Opportunity " + resaleAuthorizationId));
  }

  static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
