package org.offerdesk.app.errors;

/** One offending field: its path in the request (such as {@code buyers[1].email}) and what is wrong with it. */
public record FieldError(String field, String message) {}
