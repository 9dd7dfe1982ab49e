/**
 * The table toolkit every list of OfferDesk uses, API and console alike: {@link
 * org.offerdesk.app.web.table.TableParams} reads filters, sort, page size and cursor (strictly for the API and
 * exports, leniently for pages); {@link org.offerdesk.app.web.table.TableQuery} runs the filtered, keyset-paged
 * query of one organization's rows from a module's store; {@link org.offerdesk.app.web.table.Cursor} is the one
 * cursor format; {@link org.offerdesk.app.web.table.CsvColumn} writes the export through
 * {@link org.offerdesk.app.web.CsvExport}; {@link org.offerdesk.app.web.table.TableView} feeds the template
 * fragment {@code fragments/table.html} (filter bar, counts per status, paging and export links).
 *
 * <p>A new table: a {@code XTable} class with its filter record, sort keys, CSV columns and filter fields; the
 * filter's conditions in the store ({@code TableQuery.of("x", organizationId).equal(...)...}); and a page whose
 * template includes the fragment. The offers, orders and listings tables are the examples.
 */
package org.offerdesk.app.web.table;
