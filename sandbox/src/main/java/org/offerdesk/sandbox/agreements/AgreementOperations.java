package org.offerdesk.sandbox.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.offerdesk.sandbox.accounts.Account;

/**
 * More operations of the Agreement API, served by another part of the sandbox (the money side's invoices,
 * charges and billing adjustments) on the same endpoint, target prefix and errors.
 */
public interface AgreementOperations {

  /** The operation names this serves, e.g. {@code ListAgreementCharges}. */
  Set<String> operations();

  JsonNode call(String operation, JsonNode input, Account caller);
}
