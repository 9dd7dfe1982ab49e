package org.offerdesk.sandbox.catalog;

/** A change's details do not match the schema of its change type; answered as 422 ValidationException. */
class InvalidDetails extends RuntimeException {
  InvalidDetails(String message) {
    super(message);
  }
}
