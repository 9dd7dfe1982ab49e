package org.offerdesk.app.identity;

import java.io.InputStream;
import java.io.PrintStream;
import org.offerdesk.app.identity.internal.SetupRun;

/**
 * {@code java -jar offerdesk.jar setup --org <name> --admin <email>}: creates an installation's first
 * organization and admin in the configured database without starting the server, for automation. The same
 * as the setup page, and like it, only once.
 */
public final class SetupCommand {

  private SetupCommand() {}

  /** Runs the command; returns the process exit code (0 created, 1 bad input, 2 already set up). */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return SetupRun.run(args, in, out, err);
  }
}
