package org.offerdesk.app.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cookie jar that treats http://localhost as a secure origin, as browsers do: production marks session
 * cookies {@code Secure}, and a test that talks to it on loopback (without the TLS proxy a real install
 * has in front) still needs them sent back. Any other host keeps the strict rule.
 */
public class LoopbackCookies extends CookieHandler {

  private final CookieManager jar = new CookieManager();

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
    return jar.get(secure(uri), requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    jar.put(secure(uri), responseHeaders);
  }

  private static URI secure(URI uri) {
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    return loopback && "http".equals(uri.getScheme()) ? URI.create("https" + uri.toString().substring(4)) : uri;
  }
}
