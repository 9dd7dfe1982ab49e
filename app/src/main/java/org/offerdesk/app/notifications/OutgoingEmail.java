package org.offerdesk.app.notifications;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An email to queue: to whom, which template, the values the template reads, and an optional key that
 * makes queuing idempotent.
 *
 * @param organizationId the organization on whose behalf it is sent; its admins see it in their outbox
 * @param to email addresses, one or more
 * @param template names the files {@code templates/mail/<template>.subject.txt}, {@code .txt} and
 *     {@code .html}, with a sample model in {@code <template>.sample.json} for the preview page
 * @param model the values the templates read, best kept to strings, numbers, booleans, lists and maps
 *     (templates then read {@code ${offer.name}}, and the sample model can stand in for them)
 * @param dedupeKey null, or a key such that the organization's emails with one key are one email, ever
 *     (for example {@code "new-order:" + orderId + ":" + userEmail})
 */
public record OutgoingEmail(UUID organizationId, List<String> to, String template, Map<String, Object> model,
    String dedupeKey) {

  public OutgoingEmail {
    // Copies that keep nulls, so that a null address is reported as an invalid one rather than a crash.
    to = to == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(to));
    model = model == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
  }
}
