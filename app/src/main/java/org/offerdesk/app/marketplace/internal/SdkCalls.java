package org.offerdesk.app.marketplace.internal;

import java.util.function.Supplier;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.marketplace.MarketplaceUnreachable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs an SDK call for a port and turns the SDK's exceptions into OfferDesk's, keeping the SDK's text
 * and the SDK exception as the cause (job errors and logs read as before). The SDK has retried
 * throttling and transient errors by then: what comes out is final for this attempt.
 */
final class SdkCalls {

  private SdkCalls() {}

  static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw refused(e);
    } catch (SdkClientException e) {
      throw new MarketplaceUnreachable(e.getMessage(), e);
    }
  }

  static MarketplaceRejection refused(AwsServiceException e) {
    var details = e.awsErrorDetails();
    // The code first: a person reading a job's last error or the events page sees what AWS answered at once.
    String message = details == null || details.errorCode() == null ? e.getMessage()
        : details.errorCode() + ": " + e.getMessage();
    return new MarketplaceRejection(message, e.statusCode(), e.isThrottlingException(), details != null,
        details == null ? null : details.errorCode(), details == null ? null : details.errorMessage(), e);
  }
}
