package org.offerdesk.app.web;

import java.util.Optional;

/**
 * Whose Idempotency-Key namespace a request belongs to (one per API credential). Identity provides it,
 * so that this plumbing needs to know nothing about callers.
 */
@FunctionalInterface
public interface IdempotencyScope {

  /** The namespace of the authenticated caller of the current request, empty when there is none. */
  Optional<String> current();
}
