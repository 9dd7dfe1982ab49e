package org.offerdesk.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OfferDesk: the console, the API and the marketplace connector, one capability per package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OfferDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(OfferDeskApplication.class, args);
  }
}
