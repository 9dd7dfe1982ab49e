package org.offerdesk.app.marketplace;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One page of what a marketplace call lists, and the token that asks for the next ({@code null} or empty
 * on the last page, as the marketplace writes it).
 */
public record ResultPage<T>(List<T> items, String nextToken) {

  /**
   * Asks for every page in turn, from the first ({@code null} token), and hands over each page's items before
   * the next page is asked for.
   */
  public static <T> void forEach(Function<String, ResultPage<T>> fetch, Consumer<? super T> action) {
    String next = null;
    do {
      ResultPage<T> page = fetch.apply(next);
      page.items().forEach(action);
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
  }
}
