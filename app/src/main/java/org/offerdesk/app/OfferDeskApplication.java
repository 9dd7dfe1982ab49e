package org.offerdesk.app;

import java.util.Arrays;
import org.offerdesk.app.identity.SetupCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OfferDesk: the console, the API and the marketplace connector, one capability per package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OfferDeskApplication {

  /**
   * Starts OfferDesk ({@code --production} is short for {@code OFFERDESK_MODE=production}), or with
   * {@code setup ...} creates the first organization without starting the server.
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("setup")) {
      System.exit(SetupCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
    }
    SpringApplication.run(OfferDeskApplication.class, Arrays.stream(args)
        .map(arg -> arg.equals("--production") ? "--offerdesk.mode=production" : arg)
        .toArray(String[]::new));
  }
}
