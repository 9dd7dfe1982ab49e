package org.offerdesk.sandbox;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.sandbox.clock.SandboxClock;
import org.offerdesk.sandbox.control.ControlSettings;
import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AotApplicationContextInitializer;

/**
 * Starts the sandbox inside another JVM process (OfferDesk's, or a test's) as an independent Spring
 * application with its own port and its own schema on a database it is given.
 */
public final class SandboxServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private SandboxServer(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * What the embedded sandbox needs: a port (0 for any free one), the address to listen on (loopback
   * unless told otherwise) and the database to keep its state in, as a JDBC URL with its credentials.
   */
  public record Settings(int port, String jdbcUrl, String username, String password, List<String> extraArguments,
      String bindAddress) {
    /** Where the sandbox listens unless told otherwise: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    public Settings {
      extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
      bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress.strip();
    }

    public Settings(int port, String jdbcUrl, String username, String password, List<String> extraArguments) {
      this(port, jdbcUrl, username, password, extraArguments, LOOPBACK);
    }

    public Settings(int port, String jdbcUrl, String username, String password) {
      this(port, jdbcUrl, username, password, List.of());
    }
  }

  public static SandboxServer start(Settings settings) {
    // Command-line arguments outrank environment variables such as SERVER_PORT or DATABASE_URL, which
    // belong to the process that embeds the sandbox, not to the sandbox.
    List<String> args = new ArrayList<>();
    args.add(SandboxApplication.CONFIG_NAME);
    args.add("--server.port=" + settings.port());
    args.add("--server.address=" + settings.bindAddress());
    args.add("--offerdesk.database.url=" + settings.jdbcUrl());
    if (settings.username() != null) {
      args.add("--offerdesk.database.username=" + settings.username());
    }
    if (settings.password() != null) {
      args.add("--offerdesk.database.password=" + settings.password());
    }
    args.add("--offerdesk.sandbox.embedded=true");
    args.addAll(settings.extraArguments());
    SpringApplicationBuilder builder = new SpringApplicationBuilder(SandboxApplication.class);
    if (AotDetector.useGeneratedArtifacts()) {
      // The embedding process starts from ahead-of-time bean definitions: the sandbox's are named apart from the
      // embedding application's (EmbeddedSandboxAot), made by the same build; Spring Boot looks for more classes
      // named after the main class, which a start on this thread cannot find by itself.
      builder.main(SandboxApplication.class)
          .initializers(AotApplicationContextInitializer.forInitializerClasses(EmbeddedSandboxAot.INITIALIZER));
    }
    ConfigurableApplicationContext context = builder
        .bannerMode(Banner.Mode.OFF)
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
    return new SandboxServer(context);
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * Where this process reaches the sandbox: loopback when it listens on loopback or on every interface,
   * otherwise the one address it listens on.
   */
  public URI endpoint() {
    InetAddress bind = context.getBean(ControlSettings.class).bind();
    String host = bind.isLoopbackAddress() || bind.isAnyLocalAddress() ? "127.0.0.1"
        : bind instanceof Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * The admin token of the sandbox's control API ({@code Authorization: Bearer}), for the embedding
   * process's own calls; it shows secret keys in {@code GET /sandbox/accounts}.
   */
  public String adminToken() {
    return context.getBean(ControlSettings.class).adminToken();
  }

  /**
   * The sandbox's movable clock: real time plus however far {@code POST /sandbox/clock/advance} has moved
   * it. The embedding process may read its own time from it, to follow the sandbox's moves.
   */
  public Clock clock() {
    return context.getBean(SandboxClock.class);
  }

  /** The sandbox's own Spring context, for tests that need to look inside. */
  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }
}
