package org.offerdesk.app.marketplace.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.ConnectionCheck;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The marketplace connection of the caller's organization. Secrets go in, never out. */
@RestController
@RequestMapping("/api/v1/marketplace/connection")
@Tag(name = "Marketplace")
class MarketplaceApi {

  /** Credentials as the API takes them. */
  record CredentialsBody(CredentialsType type, String accessKeyId, String secretAccessKey, String roleArn,
      String externalId) {}

  record ConnectionBody(String awsAccountId, String region, CredentialsBody credentials, String endpointOverride,
      Integer version) {}

  private final ConnectionSettings settings;

  MarketplaceApi(ConnectionSettings settings) {
    this.settings = settings;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  MarketplaceConnection get(@AuthenticationPrincipal Caller caller) {
    return settings.get(caller).orElseThrow(() -> new NotFound("A marketplace connection"));
  }

  @PutMapping
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  MarketplaceConnection put(@AuthenticationPrincipal Caller caller, @RequestBody ConnectionBody body) {
    CredentialsBody c = body.credentials() == null
        ? new CredentialsBody(null, null, null, null, null) : body.credentials();
    return settings.save(caller, new ConnectionSettings.ConnectionForm(body.awsAccountId(), body.region(), c.type(),
        c.accessKeyId(), c.secretAccessKey(), c.roleArn(), c.externalId(), body.endpointOverride(), body.version()));
  }

  @PostMapping("/test")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  ConnectionCheck test(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) Map<String, Object> ignored) {
    return settings.test(caller);
  }
}
