package org.offerdesk.app.marketplace;

import java.util.function.Supplier;
import org.offerdesk.app.errors.MarketplaceRefused;
import org.offerdesk.app.errors.NotFound;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs a marketplace call on behalf of a person and turns what can go wrong into an answer they can
 * act on: not connected, refused (with the marketplace's own code and message), or unreachable.
 */
public final class MarketplaceCalls {

  private MarketplaceCalls() {}

  /**
   * Like {@link #call} for a call that reads one entity the caller named by id: when the marketplace
   * refuses it as someone else's (not authorized) or does not know it, the answer is the same 404 as for
   * an id that exists nowhere, so it never tells whether the id belongs to another seller, and never
   * carries the marketplace's own text.
   */
  public static <T> T lookup(String what, String entity, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (unknownOrNotOurs(e)) {
        throw new NotFound(entity);
      }
      return call(what, () -> {
        throw e;
      });
    }
  }

  private static boolean unknownOrNotOurs(AwsServiceException e) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
        : e.awsErrorDetails().errorCode();
    // Not a plain 403: bad credentials (UnrecognizedClient, InvalidSignature) are the seller's to fix.
    return e.statusCode() == 404 || code.startsWith("AccessDenied") || code.startsWith("ResourceNotFound");
  }

  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (Marketplace.NotConnected e) {
      throw MarketplaceRefused.notConnected(e.getMessage());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw MarketplaceRefused.failed(what + ": the marketplace answered " + code + ": " + message);
    } catch (SdkClientException e) {
      throw MarketplaceRefused.failed(what + ": the marketplace could not be reached: "
          + e.getMessage());
    }
  }
}
