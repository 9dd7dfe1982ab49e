package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** {@link MarketplaceDataFeeds} through the SDK's S3 client, with the bucket from {@link DataFeedSettings}. */
@Component
record SdkDataFeeds(SdkClients clients, DataFeedSettings settings) implements MarketplaceDataFeeds {

  @Override
  public Optional<FeedBucket> bucket(UUID organizationId) {
    return settings.find(organizationId);
  }

  @Override
  public List<FeedObject> list(UUID organizationId, String feed) {
    FeedBucket where = settings.find(organizationId).orElseThrow(() -> new Marketplace.NotConnected(organizationId,
        "No data feed bucket is configured"));
    List<FeedObject> objects = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListObjectsV2Response page = translated(() -> clients.dataFeeds(organizationId).listObjectsV2(r -> r
          .bucket(where.bucket()).prefix(where.prefix() + feed + "/").continuationToken(next)));
      page.contents().forEach(o -> objects.add(new FeedObject(o.key(), o.size(), o.lastModified())));
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return objects;
  }

  @Override
  public InputStream read(UUID organizationId, String key, long fromByte) {
    FeedBucket where = settings.find(organizationId).orElseThrow(() -> new Marketplace.NotConnected(organizationId,
        "No data feed bucket is configured"));
    return translated(() -> clients.dataFeeds(organizationId).getObject(r -> r.bucket(where.bucket()).key(key)
        .range(fromByte > 0 ? "bytes=" + fromByte + "-" : null)));
  }
}
