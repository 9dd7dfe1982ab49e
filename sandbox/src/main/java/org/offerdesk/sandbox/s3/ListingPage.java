package org.offerdesk.sandbox.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of ListObjectsV2: the objects and common prefixes after a starting point, as S3 pages them.
 * Keys and common prefixes share the {@code maxKeys} budget; a common prefix rolls up every key under it.
 *
 * @param lastItem the last key or common prefix on the page, from which the next page continues
 */
record ListingPage(List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String lastItem,
    boolean lastIsPrefix) {

  /**
   * The page of {@code objects} (sorted by key, all starting with {@code prefix}) that comes after
   * {@code after} (a key, or with {@code afterPrefix} a common prefix whose keys all come before; null for the start).
   */
  static ListingPage of(
      List<StoredObject> objects, String prefix, String delimiter, int maxKeys, String after, boolean afterPrefix) {
    List<StoredObject> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    boolean lastIsPrefix = false;
    boolean rollsUp = delimiter != null && !delimiter.isEmpty();
    for (StoredObject object : objects) {
      String key = object.key();
      if (after != null && (key.compareTo(after) <= 0 || (afterPrefix && key.startsWith(after)))) {
        continue;
      }
      String item = key;
      boolean rolledUp = false;
      if (rollsUp) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          item = key.substring(0, at + delimiter.length());
          rolledUp = true;
          if (lastIsPrefix && item.equals(last)) {
            continue;
          }
        }
      }
      if (contents.size() + prefixes.size() == maxKeys) {
        return new ListingPage(contents, prefixes, true, last, lastIsPrefix);
      }
      if (rolledUp) {
        prefixes.add(item);
      } else {
        contents.add(object);
      }
      last = item;
      lastIsPrefix = rolledUp;
    }
    return new ListingPage(contents, prefixes, false, last, lastIsPrefix);
  }

  int keyCount() {
    return contents.size() + commonPrefixes.size();
  }
}
