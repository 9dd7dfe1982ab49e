package org.offerdesk.app.listings.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading listings and editing their template, scoped to the caller's organization. */
@Service
class ListingTemplates {

  private static final Pattern KEY = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]{0,39}$");
  static final Set<String> BUILT_IN_FIELDS = Set.of("company", "contactName", "email");

  private final ListingStore store;
  private final ListingSync sync;
  private final AuditLog audit;

  ListingTemplates(ListingStore store, ListingSync sync, AuditLog audit) {
    this.store = store;
    this.sync = sync;
    this.audit = audit;
  }

  List<Listing> all(Caller caller) {
    return store.all(caller.organizationId());
  }

  /** One page of the listings table, as the API and the console page read it. */
  CursorPage<Listing> page(Caller caller, TableParams p, int fallbackLimit) {
    return store.table(caller.organizationId(), ListingTable.Filter.from(p))
        .page(p.page(ListingTable.BY_TITLE, fallbackLimit));
  }

  /** The export of the API and of the page: every listing the (strictly read) filters let through. */
  String csv(Caller caller, Map<String, String> params) {
    ListingTable.Filter filter = TableParams.strictFilter(params, ListingTable.Filter::from);
    return CsvColumn.csv(ListingTable.CSV,
        row -> store.table(caller.organizationId(), filter).each(ListingTable.BY_TITLE, row));
  }

  Listing get(Caller caller, String productId) {
    return store.find(caller.organizationId(), productId)
        .orElseThrow(() -> new NotFound("Listing " + productId));
  }

  ListingSync.SyncResult sync(Caller caller) {
    ListingSync.SyncResult result = sync.sync(caller.organizationId());
    audit.record(caller, "listings.synced", result.products() + " products",
        result.added() + " added, " + result.updated() + " updated");
    return result;
  }

  @Transactional
  Listing save(Caller caller, String productId, Listing.Template template, Integer version) {
    get(caller, productId);
    List<FieldError> errors = new ArrayList<>();
    if (template.supportEmail() != null && !template.supportEmail().isBlank()
        && !EmailAddress.valid(template.supportEmail().strip())) {
      errors.add(new FieldError("supportEmail", EmailAddress.INVALID));
    }
    if (template.supportUrl() != null && !template.supportUrl().isBlank()
        && !template.supportUrl().strip().matches("^https?://\\S+$")) {
      errors.add(new FieldError("supportUrl", "must be an http(s) URL"));
    }
    if (template.welcomeText() != null && template.welcomeText().length() > 5000) {
      errors.add(new FieldError("welcomeText", "must be at most 5000 characters"));
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < template.registrationFields().size(); i++) {
      Listing.RegistrationField f = template.registrationFields().get(i);
      String at = "registrationFields[" + i + "]";
      if (f.key() == null || !KEY.matcher(f.key()).matches()) {
        errors.add(new FieldError(at + ".key", "must start with a letter and hold letters, digits or _"));
      } else if (BUILT_IN_FIELDS.contains(f.key()) || !keys.add(f.key())) {
        errors.add(new FieldError(at + ".key", "is already a field of the registration page"));
      }
      if (f.label() == null || f.label().isBlank() || f.label().length() > 100) {
        errors.add(new FieldError(at + ".label", "must be 1 to 100 characters"));
      }
      if (f.type() == null) {
        errors.add(new FieldError(at + ".type", "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Listing.Template clean = new Listing.Template(blankToNull(template.supportEmail()),
        blankToNull(template.supportUrl()), blankToNull(template.welcomeText()), template.registrationFields(), 0);
    if (!store.saveTemplate(caller.organizationId(), productId, clean, version)) {
      throw new Conflict("The listing template was changed by someone else; reload and try again");
    }
    audit.record(caller, "listing.template_saved", productId, null);
    return get(caller, productId);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
