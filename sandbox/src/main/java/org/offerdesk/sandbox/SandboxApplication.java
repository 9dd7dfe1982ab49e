package org.offerdesk.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The marketplace sandbox as a server of its own. Standalone it is started by {@link #main}; embedded
 * in OfferDesk it is started by {@link SandboxServer} in its own Spring context and on its own port, so
 * the platform reaches it over HTTP exactly as it would reach AWS.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration"
    })
@EnableScheduling
public class SandboxApplication {

  /** The sandbox reads {@code sandbox.properties}, never the platform's {@code application.properties}. */
  static final String CONFIG_NAME = "--spring.config.name=sandbox";

  public static void main(String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = CONFIG_NAME;
    System.arraycopy(args, 0, all, 1, args.length);
    SpringApplication.run(SandboxApplication.class, all);
  }
}
