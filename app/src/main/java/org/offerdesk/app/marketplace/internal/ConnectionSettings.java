package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.secrets.SecretBox;
import org.offerdesk.app.marketplace.ConnectionCheck;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.web.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesRequest;

/** Saving, reading and testing an organization's marketplace connection. */
@Service
class ConnectionSettings {

  private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]$");
  private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$");

  /** What a seller enters. A blank secret on an update keeps the stored one. */
  record ConnectionForm(String awsAccountId, String region, CredentialsType credentialsType, String accessKeyId,
      String secretAccessKey, String roleArn, String externalId, String endpointOverride, Integer version) {}

  private final Connections connections;
  private final SecretBox secrets;
  private final SdkClients clients;
  private final AuditLog audit;
  private final Clock clock;

  ConnectionSettings(Connections connections, SecretBox secrets, SdkClients clients, AuditLog audit, Clock clock) {
    this.connections = connections;
    this.secrets = secrets;
    this.clients = clients;
    this.audit = audit;
    this.clock = clock;
  }

  Optional<MarketplaceConnection> get(Caller caller) {
    return connections.find(caller.organizationId()).map(Connections.Stored::connection);
  }

  @Transactional
  MarketplaceConnection save(Caller caller, ConnectionForm form) {
    Optional<Connections.Stored> existing = connections.find(caller.organizationId());
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    String account = trim(form.awsAccountId());
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      errors.add(new ApiProblem.FieldError("awsAccountId", "must be a 12-digit AWS account ID"));
    }
    String region = trim(form.region()) == null ? "us-east-1" : trim(form.region());
    if (!REGION.matcher(region).matches()) {
      errors.add(new ApiProblem.FieldError("region", "must be an AWS region such as us-east-1"));
    }
    CredentialsType type = form.credentialsType() == null ? CredentialsType.ACCESS_KEY : form.credentialsType();
    String accessKey = trim(form.accessKeyId());
    String secret = trim(form.secretAccessKey());
    String sealed = secret != null ? secrets.seal(secret)
        : existing.map(Connections.Stored::sealedSecret).orElse(null);
    if (type == CredentialsType.ACCESS_KEY) {
      if (accessKey == null || !accessKey.matches("^[A-Z0-9]{16,128}$")) {
        errors.add(new ApiProblem.FieldError("accessKeyId", "must be an AWS access key ID (16 or more capitals and digits)"));
      }
      if (sealed == null) {
        errors.add(new ApiProblem.FieldError("secretAccessKey", "is required"));
      }
      boolean keyChanged = existing.map(e -> !String.valueOf(e.connection().accessKeyId()).equals(accessKey))
          .orElse(false);
      if (keyChanged && secret == null) {
        errors.add(new ApiProblem.FieldError("secretAccessKey", "is required when the access key ID changes"));
      }
    }
    String roleArn = trim(form.roleArn());
    if (type == CredentialsType.ASSUME_ROLE && (roleArn == null || !ROLE_ARN.matcher(roleArn).matches())) {
      errors.add(new ApiProblem.FieldError("roleArn", "must be an IAM role ARN such as arn:aws:iam::123456789012:role/OfferDesk"));
    }
    URI endpoint = null;
    String endpointText = trim(form.endpointOverride());
    if (endpointText != null) {
      try {
        endpoint = URI.create(endpointText);
        if (endpoint.getHost() == null || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        errors.add(new ApiProblem.FieldError("endpointOverride", "must be an http(s) URL, or empty for AWS"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    if (connections.connectedElsewhere(caller.organizationId(), account, endpoint)) {
      throw ApiProblem.invalid("awsAccountId", "is already connected to another organization in OfferDesk; "
          + "a marketplace account can belong to one organization only");
    }
    boolean embedded = existing.map(e -> e.connection().embeddedSandbox()
        && String.valueOf(e.connection().endpointOverride()).equals(endpointText)).orElse(false);
    MarketplaceConnection connection = new MarketplaceConnection(caller.organizationId(), account, region, type,
        accessKey, sealed != null, roleArn, trim(form.externalId()),
        endpoint, embedded, existing.map(e -> e.connection().version()).orElse(0), clock.instant(),
        caller.describe(), null, null, null);
    if (!connections.save(connection, sealed, existing.isPresent() ? form.version() : null)) {
      throw ApiProblem.conflict("The connection was changed by someone else since you loaded it; reload and try again");
    }
    clients.forget(caller.organizationId());
    audit.record(caller, "marketplace.connection_saved", "account " + account,
        type + (endpoint == null ? "" : " via " + endpoint));
    return get(caller).orElseThrow();
  }

  @Transactional
  ConnectionCheck test(Caller caller) {
    Optional<Connections.Stored> stored = connections.find(caller.organizationId());
    if (stored.isEmpty()) {
      return ConnectionCheck.failure(ConnectionCheck.Problem.NOT_CONFIGURED,
          "No marketplace connection is configured yet");
    }
    ConnectionCheck check = check(stored.get());
    connections.recordTest(caller.organizationId(), clock.instant(), check.ok(), check.message());
    audit.record(caller, "marketplace.connection_tested", "account " + stored.get().connection().awsAccountId(),
        check.ok() ? "ok" : check.problem() + ": " + check.message());
    return check;
  }

  private ConnectionCheck check(Connections.Stored stored) {
    String where = stored.connection().endpointOverride() == null
        ? "AWS Marketplace (" + stored.connection().region() + ")" : stored.connection().endpointOverride().toString();
    try (SdkClients.ClientSet once = clients.oneShot(stored)) {
      int products = once.catalog().listEntities(ListEntitiesRequest.builder().catalog("AWSMarketplace")
          .entityType("SaaSProduct").maxResults(50).build()).entitySummaryList().size();
      return ConnectionCheck.success("Connected to " + where + " as account " + stored.connection().awsAccountId()
          + "; " + products + (products == 1 ? " SaaS product" : " SaaS products") + " visible");
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      return switch (code) {
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "IncompleteSignature" -> ConnectionCheck.failure(
                ConnectionCheck.Problem.BAD_CREDENTIALS,
                "The marketplace refused the credentials (" + code + "): check the access key ID and secret");
        case "AccessDeniedException", "AccessDenied" -> ConnectionCheck.failure(
            ConnectionCheck.Problem.MISSING_PERMISSION,
            "The credentials work but lack permission to read the catalog (aws-marketplace:ListEntities): "
                + e.awsErrorDetails().errorMessage());
        case "ThrottlingException" -> ConnectionCheck.failure(ConnectionCheck.Problem.THROTTLED,
            "The marketplace is throttling requests; try again in a minute");
        default -> ConnectionCheck.failure(ConnectionCheck.Problem.OTHER,
            "The marketplace answered " + e.statusCode() + " " + code + ": " + e.getMessage());
      };
    } catch (SdkClientException e) {
      return ConnectionCheck.failure(ConnectionCheck.Problem.UNREACHABLE,
          "Could not reach " + where + ": " + rootMessage(e));
    } catch (IllegalStateException e) {
      return ConnectionCheck.failure(ConnectionCheck.Problem.BAD_CREDENTIALS, e.getMessage());
    }
  }

  /** Called at start for demo organizations: connects them to the embedded sandbox when not yet connected. */
  @Transactional
  void connectToEmbeddedSandbox(UUID organizationId, String accountId, String accessKey, String secret, URI endpoint) {
    if (connections.find(organizationId).isPresent()) {
      return;
    }
    MarketplaceConnection connection = new MarketplaceConnection(organizationId, accountId, "us-east-1",
        CredentialsType.ACCESS_KEY, accessKey, true, null, null, endpoint, true, 0, clock.instant(), "system", null,
        null, null);
    connections.save(connection, secrets.seal(secret), null);
    audit.record(organizationId, "system", "marketplace.connection_saved", "account " + accountId,
        "connected to the embedded sandbox at " + endpoint);
  }

  @Transactional
  void followEmbeddedSandbox(URI endpoint) {
    connections.moveEmbeddedEndpoint(endpoint);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
