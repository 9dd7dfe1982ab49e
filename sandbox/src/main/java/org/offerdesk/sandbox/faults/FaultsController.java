package org.offerdesk.sandbox.faults;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /sandbox/faults}: {@code GET} shows the injected faults, {@code POST} or {@code PUT} replaces
 * them ({@code {"throttlingRate":0.5,"failNextChangeSets":1,"extraChangeSetDelayMillis":2000,
 * "eventDuplicateRate":1.0,"eventDelayMillis":60000,"reorderEvents":true,"seed":42,"lateFeedDeliveries":1,
 * "duplicateFeedDeliveries":1,"headerOnlyFeedDeliveries":1,"failNextPayouts":1,"payoutsOffByACent":1,"payoutOffByACentAccount":"111122223333"}}; members
 * left out are off;
 * the random draws of throttling and duplicates follow {@code seed}, chosen at random and shown when left out),
 * {@code DELETE} clears them.
 */
@RestController
@RequestMapping("/sandbox/faults")
class FaultsController {

  private final Faults faults;
  private final FeedFaults feedFaults;

  FaultsController(Faults faults, FeedFaults feedFaults) {
    this.faults = faults;
    this.feedFaults = feedFaults;
  }

  record FaultsView(double throttlingRate, int failNextChangeSets, long extraChangeSetDelayMillis,
      double eventDuplicateRate, long eventDelayMillis, boolean reorderEvents, Long seed,
      int lateFeedDeliveries, int duplicateFeedDeliveries, int headerOnlyFeedDeliveries, int failNextPayouts,
      int payoutsOffByACent, String payoutOffByACentAccount) {
    static FaultsView of(Faults.Settings s, long seed, FeedFaults.Pending feeds, int payoutsOffByACent,
        String payoutOffByACentAccount) {
      return new FaultsView(s.throttlingRate(), s.failNextChangeSets(), s.extraChangeSetDelay().toMillis(),
          s.eventDuplicateRate(), s.eventDelay().toMillis(), s.reorderEvents(), seed,
          feeds.late(), feeds.duplicateRows(), feeds.headerOnly(), s.failNextPayouts(), payoutsOffByACent,
          payoutOffByACentAccount);
    }
  }

  @GetMapping
  FaultsView show() {
    return FaultsView.of(faults.current(), faults.seed(), feedFaults.pending(), faults.payoutsOffByACent(),
        faults.payoutOffByACentAccount());
  }

  @PostMapping
  FaultsView set(@RequestBody FaultsView request) {
    Faults.Settings settings = new Faults.Settings(
        request.throttlingRate(), request.failNextChangeSets(), Duration.ofMillis(request.extraChangeSetDelayMillis()),
        request.eventDuplicateRate(), Duration.ofMillis(request.eventDelayMillis()), request.reorderEvents(),
        request.failNextPayouts());
    FeedFaults.Pending feeds = new FeedFaults.Pending(
        request.lateFeedDeliveries(), request.duplicateFeedDeliveries(), request.headerOnlyFeedDeliveries());
    feedFaults.set(feeds);
    faults.payoutsOffByACent(request.payoutsOffByACent(), request.payoutOffByACentAccount());
    if (request.seed() == null) {
      faults.set(settings);
    } else {
      faults.set(settings, request.seed());
    }
    return show();
  }

  @PutMapping
  FaultsView replace(@RequestBody FaultsView request) {
    return set(request);
  }

  @DeleteMapping
  FaultsView clear() {
    faults.clear();
    feedFaults.set(FeedFaults.Pending.NONE);
    return show();
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> refused(Exception e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
