package org.offerdesk.app.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.FieldError;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code setup} command's work: read the options, open the database, create the first organization. */
public final class SetupRun {

  /** Exit codes: created, bad input, already set up. */
  public static final int CREATED = 0;
  public static final int INVALID = 1;
  public static final int ALREADY_SET_UP = 2;

  private SetupRun() {}

  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    String org = System.getenv("OFFERDESK_SETUP_ORG");
    String admin = System.getenv("OFFERDESK_SETUP_ADMIN");
    String adminName = null;
    String password = System.getenv("OFFERDESK_SETUP_PASSWORD");
    List<String> spring = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String next = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--org" -> { org = next; i++; }
        case "--admin" -> { admin = next; i++; }
        case "--admin-name" -> { adminName = next; i++; }
        case "--password-stdin" -> password = firstLine(stdin);
        case "--help", "-h" -> {
          out.println(usage());
          return CREATED;
        }
        default -> {
          if (!arg.startsWith("--") || !arg.contains("=")) {
            err.println("Unknown option " + arg + "\n" + usage());
            return INVALID;
          }
          spring.add(arg); // --offerdesk.database.url=… and other settings, as for the server
        }
      }
    }
    if (org == null || org.isBlank() || admin == null || admin.isBlank()) {
      err.println("Both --org and --admin are needed\n" + usage());
      return INVALID;
    }
    boolean generated = password == null || password.isEmpty();
    if (generated) {
      password = Team.generatePassword();
    }
    FirstRunSetup.FirstOrganization request = new FirstRunSetup.FirstOrganization(org, admin, adminName, password);
    List<FieldError> errors = FirstRunSetup.check(request);
    if (!errors.isEmpty()) {
      errors.forEach(e -> err.println(e.field() + ": " + e.message()));
      return INVALID;
    }
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SetupContext.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
        .run(spring.toArray(String[]::new))) {
      FirstRunSetup.Created created = context.getBean(FirstRunSetup.class).create(request);
      out.println("Created the organization \"" + org.strip() + "\" (" + created.slug() + ") with its admin "
          + created.adminEmail() + (generated ? ", password " + password + " (generated; shown only now)" : ""));
      return CREATED;
    } catch (DomainException problem) {
      err.println(problem.getMessage());
      return problem instanceof Conflict ? ALREADY_SET_UP : INVALID;
    }
  }

  static String usage() {
    return """
        Usage: java -jar offerdesk.jar setup --org <organization name> --admin <admin email>
                 [--admin-name <name>] [--password-stdin] [--<setting>=<value> ...]
        Creates the first organization and its admin in the configured database (DATABASE_URL, or the
        embedded one in OFFERDESK_DATA_DIR: stop OfferDesk first), once: it refuses when an organization
        exists. The password is read from standard input with --password-stdin, else from
        OFFERDESK_SETUP_PASSWORD, else generated and printed. OFFERDESK_SETUP_ORG and OFFERDESK_SETUP_ADMIN
        may replace --org and --admin.""";
  }

  private static String firstLine(InputStream stdin) {
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the password from standard input", e);
    }
  }
}
