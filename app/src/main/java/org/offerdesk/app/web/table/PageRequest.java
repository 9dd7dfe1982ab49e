package org.offerdesk.app.web.table;

/**
 * Which page of a list to read: in which order, after which row (null for the first page), how many rows.
 * {@link TableParams#page} reads it from a request.
 */
public record PageRequest<T>(SortKey<T> sort, Cursor after, int limit) {}
