package org.offerdesk.app.partners.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.identity.ResellerOrganizations;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.EmailAddress;
import org.offerdesk.app.web.TokenHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ISV's partners directory: resellers added by name and AWS account, and the invitation that lets a
 * reseller's admin open the reseller's own organization on this OfferDesk. The invitation is a secret link
 * (only its hash is stored) that works once, for {@link #INVITATION_VALIDITY}; a new invitation replaces the
 * last one.
 */
@Service
class PartnerDirectory {

  static final Duration INVITATION_VALIDITY = Duration.ofDays(14);
  private static final SecureRandom random = new SecureRandom();

  private final PartnerStore store;
  private final Emails emails;
  private final ResellerOrganizations resellers;
  private final OrganizationNames organizations;
  private final Marketplace marketplace;
  private final AuditLog audit;
  private final Clock clock;
  private final SecurityClock securityClock;
  private final TransactionTemplate tx;
  private final String publicUrl;

  PartnerDirectory(PartnerStore store, Emails emails, ResellerOrganizations resellers,
      OrganizationNames organizations, Marketplace marketplace, AuditLog audit, Clock clock,
      SecurityClock securityClock, TransactionTemplate tx, @Value("${offerdesk.public-url}") String publicUrl) {
    this.store = store;
    this.emails = emails;
    this.resellers = resellers;
    this.organizations = organizations;
    this.marketplace = marketplace;
    this.audit = audit;
    this.clock = clock;
    this.securityClock = securityClock;
    this.tx = tx;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** What an ISV enters for a partner. */
  record NewPartner(String name, String awsAccountId, String contactName, String contactEmail) {}

  Partner add(Caller caller, NewPartner request) {
    List<FieldError> errors = new ArrayList<>();
    String name = strip(request.name());
    if (name.isEmpty() || name.length() > 200) {
      errors.add(new FieldError("name", "must be 1 to 200 characters"));
    }
    String account = strip(request.awsAccountId());
    if (!account.matches("\\d{12}")) {
      errors.add(new FieldError("awsAccountId", "must be a 12-digit AWS account ID"));
    }
    String contactName = strip(request.contactName());
    if (contactName.length() > 200) {
      errors.add(new FieldError("contactName", "must be at most 200 characters"));
    }
    String email = strip(request.contactEmail()).toLowerCase(Locale.ROOT);
    if (!email.isEmpty() && !EmailAddress.valid(email)) {
      errors.add(new FieldError("contactEmail", EmailAddress.INVALID));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Partner partner = new Partner(UUID.randomUUID(), caller.organizationId(), name, account,
        contactName.isEmpty() ? null : contactName, email.isEmpty() ? null : email, null, null, null, null, null, 0,
        clock.instant());
    return tx.execute(s -> {
      if (!store.insert(partner)) {
        throw new InvalidInput("awsAccountId", "is already in your partners directory");
      }
      audit.record(caller, "partner.added", name, account);
      return partner;
    });
  }

  Partner get(Caller caller, UUID id) {
    return store.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Partner " + id));
  }

  /**
   * Emails the partner's admin (the address given, else the contact's) a link to open its reseller
   * organization here. The email is queued in the same transaction, so there is no invitation without it.
   */
  Partner invite(Caller caller, UUID id, String to) {
    Partner partner = get(caller, id);
    if (partner.acceptedAt() != null) {
      throw new Conflict(partner.name() + " already opened its organization on OfferDesk");
    }
    String email = strip(to == null || to.isBlank() ? partner.contactEmail() : to).toLowerCase(Locale.ROOT);
    if (!EmailAddress.valid(email)) {
      throw new InvalidInput("email", email.isEmpty() ? "is required: the partner has no contact email"
          : EmailAddress.INVALID);
    }
    String secret = secret();
    Instant now = securityClock.now();
    Instant expires = now.plus(INVITATION_VALIDITY);
    String isv = organizations.nameOf(caller.organizationId()).orElse("An ISV");
    return tx.execute(s -> {
      if (!store.invited(caller.organizationId(), id, email, hash(secret), now, expires)) {
        throw new Conflict(partner.name() + " already opened its organization on OfferDesk");
      }
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("isv", isv);
      model.put("partner", partner.name());
      model.put("contactName", partner.contactName() == null ? "" : partner.contactName());
      model.put("link", publicUrl + "/partner-invitations/" + secret);
      model.put("expiresOn", expires.toString().substring(0, 10));
      emails.queue(new OutgoingEmail(caller.organizationId(), List.of(email), "partner-invitation", model, null));
      audit.record(caller, "partner.invited", partner.name(), email);
      return get(caller, id);
    });
  }

  /** The open invitation a link names, or 404 for one unknown, used, replaced or expired. */
  Partner invitation(String secret) {
    return store.byInvitation(hash(secret == null ? "" : secret))
        .filter(p -> p.acceptedAt() == null && p.invitationExpiresAt().isAfter(securityClock.now()))
        .orElseThrow(() -> new NotFound("Invitation"));
  }

  /** Opens the reseller's organization with its admin, and uses the invitation up; both or neither. */
  ResellerOrganizations.Opened accept(String secret, ResellerOrganizations.NewReseller request) {
    return tx.execute(s -> {
      Partner partner = invitation(secret);
      ResellerOrganizations.Opened opened = resellers.open(request, "invitation of "
          + organizations.nameOf(partner.organizationId()).orElse("an ISV"));
      if (!store.accepted(partner, opened.organizationId(), clock.instant())) {
        throw new Conflict("The invitation was used or replaced meanwhile; ask for a new one");
      }
      audit.record(partner.organizationId(), "invitation", "partner.joined", partner.name(), opened.adminEmail());
      return opened;
    });
  }

  /** The name of the ISV that sent the partner's invitation. */
  String isvName(Partner p) {
    return organizations.nameOf(p.organizationId()).orElse("An ISV");
  }

  /** The AWS accounts of the reseller organizations connected on this OfferDesk. */
  Set<String> connectedResellerAccounts() {
    return marketplace.connectedOrganizations().stream()
        .filter(org -> organizations.kindOf(org).filter(k -> k == OrganizationKind.RESELLER).isPresent())
        .flatMap(org -> marketplace.connection(org).map(MarketplaceConnection::awsAccountId).stream())
        .collect(Collectors.toSet());
  }

  PartnerView view(Partner p, Set<String> connected) {
    return PartnerView.of(p, connected.contains(p.awsAccountId()), securityClock.now());
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String secret) {
    return TokenHash.hex(secret);
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
