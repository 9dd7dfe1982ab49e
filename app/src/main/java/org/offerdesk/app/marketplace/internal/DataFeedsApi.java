package org.offerdesk.app.marketplace.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds.FeedBucket;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the caller's seller data feeds are delivered (S3 bucket, prefix, KMS note). */
@RestController
@RequestMapping("/api/v1/marketplace/data-feeds")
@Tag(name = "Marketplace")
class DataFeedsApi {

  record DataFeedsBody(String bucket, String prefix, String kmsNote) {}

  private final DataFeedSettings settings;

  DataFeedsApi(DataFeedSettings settings) {
    this.settings = settings;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  FeedBucket get(@AuthenticationPrincipal Caller caller) {
    return settings.find(caller.organizationId()).orElseThrow(() -> new NotFound("A data feed bucket"));
  }

  @PutMapping
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  FeedBucket put(@AuthenticationPrincipal Caller caller, @RequestBody DataFeedsBody body) {
    return settings.save(caller, body.bucket(), body.prefix(), body.kmsNote());
  }
}
