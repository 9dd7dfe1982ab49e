package org.offerdesk.app.marketplace;

import java.util.function.Supplier;
import org.offerdesk.app.errors.MarketplaceRefused;
import org.offerdesk.app.errors.NotFound;

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
    } catch (MarketplaceRejection e) {
      if (e.unknownOrNotOurs()) {
        throw new NotFound(entity);
      }
      return call(what, () -> {
        throw e;
      });
    }
  }

  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (Marketplace.NotConnected e) {
      throw MarketplaceRefused.notConnected(e.getMessage());
    } catch (MarketplaceRejection e) {
      throw MarketplaceRefused.failed(what + ": the marketplace answered " + e.codeOr("error") + ": " + e.detail());
    } catch (MarketplaceUnreachable e) {
      throw MarketplaceRefused.failed(what + ": the marketplace could not be reached: " + e.getMessage());
    }
  }
}
