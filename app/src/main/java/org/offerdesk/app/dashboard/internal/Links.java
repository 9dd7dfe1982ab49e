package org.offerdesk.app.dashboard.internal;

import org.springframework.web.util.UriComponentsBuilder;

/** A console link to a table with its filters, leaving out those that are unset. */
final class Links {

  private final UriComponentsBuilder uri;

  private Links(String path) {
    this.uri = UriComponentsBuilder.fromPath(path);
  }

  static Links to(String path) {
    return new Links(path);
  }

  Links with(String name, Object value) {
    if (value != null && !String.valueOf(value).isBlank()) {
      uri.queryParam(name, String.valueOf(value));
    }
    return this;
  }

  String build() {
    return uri.encode().build().toUriString();
  }
}
