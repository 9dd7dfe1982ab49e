package org.offerdesk.app.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a store reads the JSON columns OfferDesk wrote itself (an offer's terms, an order's registration): the
 * application's ObjectMapper (its modules and settings), with unknown properties ignored (a column written by
 * a newer version), and with a plain parser instead of {@link CheckedJsonFactory}'s, whose checks are for what
 * callers send and were made when the text came in. A list page reads fifty such columns a request: the
 * checked parser (every token through a delegate, every string matched) was a fifth of the offers API's CPU.
 */
public final class StoredJson {

  private StoredJson() {}

  /** A mapper for reading (and writing) stored columns, made once per store. */
  public static ObjectMapper mapper(ObjectMapper application) {
    // Nor the check for a key written twice (a callers' rule too): it kept a set of every object's keys.
    return application.copyWith(new JsonFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }
}
