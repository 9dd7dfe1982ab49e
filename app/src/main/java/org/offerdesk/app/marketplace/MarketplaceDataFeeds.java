package org.offerdesk.app.marketplace;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The seller data feeds (SDDS) an organization's marketplace account delivers to an S3 bucket, read with
 * the connection's credentials. Keys are full object keys, the bucket's prefix included. Every call may
 * throw {@link Marketplace.NotConnected}, {@link MarketplaceRejection} or {@link MarketplaceUnreachable}.
 */
public interface MarketplaceDataFeeds {

  /** Where the organization's feeds are delivered, if it said. */
  Optional<FeedBucket> bucket(UUID organizationId);

  /** Every object of one feed (its folder under the prefix, e.g. {@code billingeventfeed_v1}), by key. */
  List<FeedObject> list(UUID organizationId, String feed);

  /**
   * The object's bytes from {@code fromByte} to its end (a ranged read: what was appended since then).
   * The caller closes the stream.
   */
  InputStream read(UUID organizationId, String key, long fromByte);

  /** The feeds' bucket, the prefix their folders sit under (empty for none) and a note on its KMS key. */
  record FeedBucket(String bucket, String prefix, String kmsNote) {}

  /** One object of a feed: a month's file. */
  record FeedObject(String key, long size, Instant lastModified) {}
}
