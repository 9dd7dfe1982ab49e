package org.offerdesk.sandbox.catalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** ARNs of catalog resources: {@code arn:aws:aws-marketplace:<region>:<account>:AWSMarketplace/<Type>/<id>}. */
@Component
public class Arns {

  static final String CATALOG = "AWSMarketplace";
  private static final Pattern ARN =
      Pattern.compile("^arn:aws:aws-marketplace:[a-z0-9-]*:(\\d{12}):AWSMarketplace/([A-Za-z]+)/([\\w.@-]+)$");

  private final String region;

  Arns(@Value("${offerdesk.sandbox.region:us-east-1}") String region) {
    this.region = region;
  }

  String entity(CatalogEntity e) {
    return "arn:aws:aws-marketplace:" + region + ":" + e.ownerAccountId() + ":" + CATALOG + "/" + e.type().bareName() + "/" + e.id();
  }

  String changeSet(String accountId, String changeSetId) {
    return "arn:aws:aws-marketplace:" + region + ":" + accountId + ":" + CATALOG + "/ChangeSet/" + changeSetId;
  }

  /** A parsed catalog ARN: owning account, resource type (e.g. Offer, ChangeSet) and ID. */
  record Parsed(String accountId, String resourceType, String resourceId) {}

  static Optional<Parsed> parse(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    Matcher m = ARN.matcher(arn);
    return m.matches() ? Optional.of(new Parsed(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }
}
