package org.offerdesk.app.web.table;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.offerdesk.app.web.CursorPage;

/**
 * What the table fragment ({@code fragments/table.html}) shows around a console table: the filter bar's
 * values, the sentences about ignored parameters, the paging links and the export link. Every link keeps
 * the filters (and the sort and page size) of the page it is on; the export keeps the filters only, since
 * it exports every row in a fixed order.
 *
 * @param path the page's path, say {@code /offers}
 * @param filters the filters that are set, by parameter name
 * @param kept the filters plus a sort or page size other than the default
 * @param problems sentences about parameters that were ignored
 * @param fields the filter bar's inputs
 * @param exportUrl the CSV of every row under the same filters, or null when the table has none
 * @param selfUrl this page again (with its cursor), for a page that refreshes itself
 * @param firstPageUrl the first page, when this is not it
 * @param nextUrl the next page, when there is one
 */
public record TableView(String path, Map<String, String> filters, Map<String, String> kept, List<String> problems,
    List<FilterField> fields, String exportUrl, String selfUrl, String firstPageUrl, String nextUrl) {

  /** The view of a page of {@code path} read with {@code params}, exported at {@code exportPath} (or none). */
  public static TableView of(String path, String exportPath, TableParams params, List<FilterField> fields,
      CursorPage<?> page) {
    Map<String, String> kept = params.kept();
    Map<String, String> here = new LinkedHashMap<>(kept);
    if (params.cursorText() != null) {
      here.put("cursor", params.cursorText());
    }
    String next = null;
    if (page.nextCursor() != null) {
      Map<String, String> nextQuery = new LinkedHashMap<>(kept);
      nextQuery.put("cursor", page.nextCursor());
      next = url(path, nextQuery);
    }
    return new TableView(path, params.filters(), kept, params.problems(), List.copyOf(fields),
        exportPath == null ? null : url(exportPath, params.filters()), url(path, here),
        params.cursorText() == null ? null : url(path, kept), next);
  }

  /** True when any filter narrows the table. */
  public boolean filtered() {
    return !filters.isEmpty();
  }

  /** This page's filters with {@code name} set to {@code value} (a chip that filters by one value). */
  public String with(String name, String value) {
    Map<String, String> query = new LinkedHashMap<>(kept);
    query.put(name, value);
    return url(path, query);
  }

  /** This page's filters without {@code name} ("all" of a chip row). */
  public String without(String name) {
    Map<String, String> query = new LinkedHashMap<>(kept);
    query.remove(name);
    return url(path, query);
  }

  /** The view without its export link (a table with nothing to export). */
  public TableView withoutExport() {
    return new TableView(path, filters, kept, problems, fields, null, selfUrl, firstPageUrl, nextUrl);
  }

  /** {@code path} with the query, parameters in the map's order, blank values left out. */
  public static String url(String path, Map<String, String> query) {
    String q = query.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return q.isEmpty() ? path : path + "?" + q;
  }
}
