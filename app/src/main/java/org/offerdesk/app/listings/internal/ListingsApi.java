package org.offerdesk.app.listings.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.ListingState;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Listings: synced from the marketplace, with the seller's template. */
@RestController
@RequestMapping("/api/v1/listings")
@Tag(name = "Listings")
class ListingsApi {

  record TemplateBody(String supportEmail, String supportUrl, String welcomeText,
      List<Listing.RegistrationField> registrationFields, Integer version) {}

  private final ListingTemplates templates;

  ListingsApi(ListingTemplates templates) {
    this.templates = templates;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  @Parameters({
      @Parameter(name = "state", in = ParameterIn.QUERY, schema = @Schema(implementation = ListingState.class)),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<Listing> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return templates.page(caller, TableParams.strict(params), CursorPage.DEFAULT_LIMIT);
  }

  /** Every listing under the list's filters, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("listings.csv", templates.csv(caller, params));
  }

  @GetMapping("/{productId}")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  Listing get(@AuthenticationPrincipal Caller caller, @PathVariable String productId) {
    return templates.get(caller, productId);
  }

  @PostMapping("/sync")
  @PreAuthorize("hasAuthority('LISTINGS_EDIT')")
  ListingSync.SyncResult sync(@AuthenticationPrincipal Caller caller) {
    return templates.sync(caller);
  }

  @PutMapping("/{productId}/template")
  @PreAuthorize("hasAuthority('LISTINGS_EDIT')")
  Listing saveTemplate(@AuthenticationPrincipal Caller caller, @PathVariable String productId,
      @RequestBody TemplateBody body) {
    return templates.save(caller, productId, new Listing.Template(body.supportEmail(), body.supportUrl(),
        body.welcomeText(), body.registrationFields() == null ? List.of() : body.registrationFields(), 0),
        body.version());
  }
}
