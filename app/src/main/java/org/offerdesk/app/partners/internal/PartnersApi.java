package org.offerdesk.app.partners.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ISV's partners directory: its resellers, and invitations to open their organizations here. */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners")
class PartnersApi {

  private final PartnerDirectory directory;
  private final PartnerStore store;

  PartnersApi(PartnerDirectory directory, PartnerStore store) {
    this.directory = directory;
    this.store = store;
  }

  /** Partners a page at a time, by name: filter {@code q} (name, AWS account ID, contact). */
  @GetMapping
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  @Parameters({
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<PartnerView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    Set<String> connected = directory.connectedResellerAccounts();
    return store.table(caller.organizationId(), PartnerTable.Filter.from(p))
        .page(p.page(PartnerTable.BY_NAME, CursorPage.DEFAULT_LIMIT)).map(r -> directory.view(r, connected));
  }

  /** {@code {"name", "awsAccountId", "contactName", "contactEmail"}}: 201, or 400 naming the fields. */
  @PostMapping
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<PartnerView> add(@AuthenticationPrincipal Caller caller,
      @RequestBody PartnerDirectory.NewPartner request) {
    Partner added = directory.add(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/partners/" + added.id()))
        .body(directory.view(added, directory.connectedResellerAccounts()));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  PartnerView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return directory.view(directory.get(caller, id), directory.connectedResellerAccounts());
  }

  /** What an invitation is sent to: {@code email}, or the partner's contact email when left out. */
  record InvitationRequest(String email) {}

  /** Emails the partner's admin a link to open its reseller organization here (202; a new one replaces the last). */
  @PostMapping("/{id}/invite")
  @PreAuthorize("hasAuthority('PARTNERS_EDIT')")
  ResponseEntity<PartnerView> invite(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) InvitationRequest request) {
    Partner invited = directory.invite(caller, id, request == null ? null : request.email());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(directory.view(invited, directory.connectedResellerAccounts()));
  }

  /** Every partner the list's filter lets through, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("partners.csv", csv(directory, store, caller, params));
  }

  static String csv(PartnerDirectory directory, PartnerStore store, Caller caller, Map<String, String> params) {
    PartnerTable.Filter filter = TableParams.strictFilter(params, PartnerTable.Filter::from);
    Set<String> connected = directory.connectedResellerAccounts();
    return CsvColumn.csv(PartnerTable.CSV, row -> store.table(caller.organizationId(), filter)
        .each(PartnerTable.BY_NAME, p -> row.accept(directory.view(p, connected))));
  }
}
