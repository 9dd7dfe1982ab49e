package org.offerdesk.sandbox.catalog;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** New IDs in AWS's shapes: {@code offer-} and 13 characters, change sets as 25 lower-case characters. */
@Component
public class EntityIds {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private final SecureRandom random = new SecureRandom();

  String newEntityId(EntityType type) {
    return type.idPrefix() + random(13);
  }

  String newChangeSetId() {
    return random(25);
  }

  private String random(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
