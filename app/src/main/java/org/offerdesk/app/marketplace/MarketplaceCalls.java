package org.offerdesk.app.marketplace;

import java.util.function.Supplier;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.ProblemType;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs a marketplace call on behalf of a person and turns what can go wrong into an answer they can
 * act on: not connected, refused (with the marketplace's own code and message), or unreachable.
 */
public final class MarketplaceCalls {

  private MarketplaceCalls() {}

  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (Marketplace.NotConnected e) {
      throw new ApiProblem(ProblemType.MARKETPLACE_NOT_CONNECTED, e.getMessage());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw new ApiProblem(ProblemType.MARKETPLACE_ERROR, what + ": the marketplace answered " + code + ": " + message);
    } catch (SdkClientException e) {
      throw new ApiProblem(ProblemType.MARKETPLACE_ERROR, what + ": the marketplace could not be reached: "
          + e.getMessage());
    }
  }
}
