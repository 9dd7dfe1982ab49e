package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.AddressRefused;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.ConnectionCheck;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.outbound.OutboundGuard;
import org.offerdesk.app.secrets.SecretBox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesRequest;

/** Saving, reading and testing an organization's marketplace connection. */
@Service
class ConnectionSettings {

  private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]$");
  private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$");
  private static final Pattern EXTERNAL_ID = Pattern.compile("^[\\w+=,.@:/-]{2,1224}$");

  /** What a seller enters. A blank secret on an update keeps the stored one. */
  record ConnectionForm(String awsAccountId, String region, CredentialsType credentialsType, String accessKeyId,
      String secretAccessKey, String roleArn, String externalId, String endpointOverride, Integer version) {}

  private final Connections connections;
  private final SecretBox secrets;
  private final SdkClients clients;
  private final AuditLog audit;
  private final Clock clock;
  private final OutboundGuard guard;
  private final TransactionTemplate transactions;

  ConnectionSettings(Connections connections, SecretBox secrets, SdkClients clients, AuditLog audit, Clock clock,
      OutboundGuard guard, PlatformTransactionManager transactionManager) {
    this.guard = guard;
    this.transactions = new TransactionTemplate(transactionManager);
    this.connections = connections;
    this.secrets = secrets;
    this.clients = clients;
    this.audit = audit;
    this.clock = clock;
  }

  Optional<MarketplaceConnection> get(Caller caller) {
    return connections.find(caller.organizationId()).map(Connections.Stored::connection);
  }

  /**
   * Validates and saves a connection. Before anything is written, and outside any transaction, the
   * marketplace is asked who the credentials are (STS GetCallerIdentity): an account another organization
   * owns is refused (409), credentials of another account than the one named are refused (422). When the
   * marketplace cannot answer now, the connection is saved unverified; it is verified before its first use.
   */
  MarketplaceConnection save(Caller caller, ConnectionForm form) {
    Optional<Connections.Stored> existing = connections.find(caller.organizationId());
    List<FieldError> errors = new ArrayList<>();
    String account = trim(form.awsAccountId());
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      errors.add(new FieldError("awsAccountId", "must be a 12-digit AWS account ID"));
    }
    String region = trim(form.region()) == null ? "us-east-1" : trim(form.region());
    if (!REGION.matcher(region).matches()) {
      errors.add(new FieldError("region", "must be an AWS region such as us-east-1"));
    }
    CredentialsType type = form.credentialsType() == null ? CredentialsType.ACCESS_KEY : form.credentialsType();
    String accessKey = trim(form.accessKeyId());
    String secret = trim(form.secretAccessKey());
    String sealed = secret != null ? secrets.seal(secret)
        : existing.map(Connections.Stored::sealedSecret).orElse(null);
    // A role is assumed with the connection's own keys: never with the host's credentials.
    String keysFor = type == CredentialsType.ASSUME_ROLE ? " (the keys that assume the role)" : "";
    if (accessKey == null || !accessKey.matches("^[A-Z0-9]{16,128}$")) {
      errors.add(new FieldError("accessKeyId",
          "must be an AWS access key ID (16 or more capitals and digits)" + keysFor));
    }
    if (sealed == null) {
      errors.add(new FieldError("secretAccessKey", "is required" + keysFor));
    }
    boolean keyChanged = existing.map(e -> !String.valueOf(e.connection().accessKeyId()).equals(accessKey))
        .orElse(false);
    if (keyChanged && secret == null) {
      errors.add(new FieldError("secretAccessKey", "is required when the access key ID changes"));
    }
    String roleArn = type == CredentialsType.ASSUME_ROLE ? trim(form.roleArn()) : null;
    String externalId = type == CredentialsType.ASSUME_ROLE ? trim(form.externalId()) : null;
    if (type == CredentialsType.ASSUME_ROLE && (roleArn == null || !ROLE_ARN.matcher(roleArn).matches())) {
      errors.add(new FieldError("roleArn", "must be an IAM role ARN such as arn:aws:iam::123456789012:role/OfferDesk"));
    }
    if (type == CredentialsType.ASSUME_ROLE && (externalId == null || !EXTERNAL_ID.matcher(externalId).matches())) {
      errors.add(new FieldError("externalId", "is required to assume a role: 2 to 1224 letters, digits "
          + "or +=,.@:/-, as the role's trust policy names it"));
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
        errors.add(new FieldError("endpointOverride", "must be an http(s) URL, or empty for AWS"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    if (endpoint != null) {
      guard.refusal(endpoint).ifPresent(reason -> {
        throw new AddressRefused("endpointOverride", reason);
      });
    }
    boolean embedded = existing.map(e -> e.connection().embeddedSandbox()
        && String.valueOf(e.connection().endpointOverride()).equals(endpointText)).orElse(false);
    MarketplaceConnection proposed = new MarketplaceConnection(caller.organizationId(), account, region, type,
        accessKey, true, roleArn, externalId,
        endpoint, embedded, existing.map(e -> e.connection().version()).orElse(0), clock.instant(),
        caller.describe(), null, null, null, null, null);
    SdkClients.CallerIdentity identity = identityOrNull(new Connections.Stored(proposed, sealed));
    if (identity != null) {
      if (!identity.account().equals(account)) {
        throw new InvalidInput("awsAccountId", "the credentials belong to account " + identity.account() + " ("
            + identity.arn() + "), not to " + account);
      }
      if (connections.ownedElsewhere(caller.organizationId(), identity.account())) {
        throw new Conflict(SdkClients.ownedElsewhere(identity.account()));
      }
    }
    MarketplaceConnection connection = identity == null ? proposed : withIdentity(proposed, identity);
    URI via = endpoint;
    try {
      transactions.executeWithoutResult(s -> {
        if (!connections.save(connection, sealed, existing.isPresent() ? form.version() : null)) {
          throw new Conflict("The connection was changed by someone else since you loaded it; reload and try again");
        }
        audit.record(caller, "marketplace.connection_saved", "account " + account,
            type + (via == null ? "" : " via " + via)
                + (identity == null ? "; identity not verified yet" : "; verified as " + identity.arn()));
      });
    } catch (DuplicateKeyException e) {
      throw new Conflict(SdkClients.ownedElsewhere(account));
    }
    clients.forget(caller.organizationId());
    return get(caller).orElseThrow();
  }

  /** Who the credentials are, or null when the marketplace does not say (bad keys, unreachable): no retries. */
  private SdkClients.CallerIdentity identityOrNull(Connections.Stored stored) {
    try {
      return clients.identity(stored);
    } catch (SdkException | IllegalStateException e) {
      return null;
    }
  }

  private static MarketplaceConnection withIdentity(MarketplaceConnection c, SdkClients.CallerIdentity identity) {
    return new MarketplaceConnection(c.organizationId(), c.awsAccountId(), c.region(), c.credentialsType(),
        c.accessKeyId(), c.hasSecret(), c.roleArn(), c.externalId(), c.endpointOverride(), c.embeddedSandbox(),
        c.version(), c.updatedAt(), c.updatedBy(), c.lastTestAt(), c.lastTestOk(), c.lastTestMessage(),
        identity.account(), identity.arn());
  }

  /**
   * Tries the connection as it is stored: who the marketplace says the credentials are (recorded, which
   * makes the account this organization's), then whether the catalog can be read. Network first, then a
   * short write: no transaction is held open while the marketplace answers.
   */
  ConnectionCheck test(Caller caller) {
    Optional<Connections.Stored> stored = connections.find(caller.organizationId());
    if (stored.isEmpty()) {
      return ConnectionCheck.failure(ConnectionCheck.Problem.NOT_CONFIGURED,
          "No marketplace connection is configured yet");
    }
    ConnectionCheck check = check(stored.get());
    transactions.executeWithoutResult(s -> {
      connections.recordTest(caller.organizationId(), clock.instant(), check.ok(), check.message());
      audit.record(caller, "marketplace.connection_tested", "account " + stored.get().connection().awsAccountId(),
          check.ok() ? "ok as " + check.arn() : check.problem() + ": " + check.message());
    });
    clients.forget(caller.organizationId());
    return check;
  }

  private ConnectionCheck check(Connections.Stored stored) {
    MarketplaceConnection c = stored.connection();
    String where = c.endpointOverride() == null
        ? "AWS Marketplace (" + c.region() + ")" : c.endpointOverride().toString();
    try (SdkClients.ClientSet once = clients.oneShot(stored)) {
      SdkClients.CallerIdentity identity = once.identity();
      String problem = clients.ownershipProblem(c, identity);
      if (problem != null) {
        return ConnectionCheck.failure(identity.account().equals(c.awsAccountId())
            ? ConnectionCheck.Problem.ACCOUNT_IN_USE : ConnectionCheck.Problem.WRONG_ACCOUNT, problem,
            identity.account(), identity.arn());
      }
      try {
        connections.recordIdentity(c.organizationId(), c.version(), identity.account(), identity.arn());
      } catch (DuplicateKeyException e) {
        return ConnectionCheck.failure(ConnectionCheck.Problem.ACCOUNT_IN_USE,
            SdkClients.ownedElsewhere(identity.account()), identity.account(), identity.arn());
      }
      int products = once.catalog().listEntities(ListEntitiesRequest.builder().catalog("AWSMarketplace")
          .entityType("SaaSProduct").maxResults(50).build()).entitySummaryList().size();
      return ConnectionCheck.success("Connected to " + where + " as " + identity.arn() + " (account "
          + identity.account() + "); " + products + (products == 1 ? " SaaS product" : " SaaS products")
          + " visible", identity.account(), identity.arn());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
          : e.awsErrorDetails().errorCode();
      return switch (code) {
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "IncompleteSignature" -> ConnectionCheck.failure(
                ConnectionCheck.Problem.BAD_CREDENTIALS,
                "The marketplace refused the credentials (" + code + "): check the access key ID and secret");
        case "AccessDeniedException", "AccessDenied" -> ConnectionCheck.failure(
            ConnectionCheck.Problem.MISSING_PERMISSION,
            c.credentialsType() == CredentialsType.ASSUME_ROLE && e.awsErrorDetails().serviceName() != null
                && e.awsErrorDetails().serviceName().equalsIgnoreCase("sts")
                ? "The keys could not assume " + c.roleArn() + " with this external ID: "
                    + e.awsErrorDetails().errorMessage()
                : "The credentials work but lack permission to read the catalog (aws-marketplace:ListEntities): "
                    + e.awsErrorDetails().errorMessage());
        case "ThrottlingException", "Throttling" -> ConnectionCheck.failure(ConnectionCheck.Problem.THROTTLED,
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
        null, null, null, null);
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
