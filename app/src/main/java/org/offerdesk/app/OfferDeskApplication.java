package org.offerdesk.app;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OfferDesk: the console, the API and the marketplace connector, one capability per package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OfferDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(OfferDeskApplication.class, args);
  }

  /** All time comes from here, so tests and the sandbox can move it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
