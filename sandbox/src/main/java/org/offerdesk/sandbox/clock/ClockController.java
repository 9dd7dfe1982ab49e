package org.offerdesk.sandbox.clock;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sandbox/clock} answers {@code {"now":"…","offset":"PT…"}}; {@code POST /sandbox/clock/advance}
 * with {@code {"duration":"P30D"}} moves the sandbox's time forward and runs what fell due before answering.
 */
@RestController
@RequestMapping("/sandbox/clock")
class ClockController {

  private final SandboxClock clock;
  private final TimeKeeper keeper;

  ClockController(SandboxClock clock, TimeKeeper keeper) {
    this.clock = clock;
    this.keeper = keeper;
  }

  record ClockView(String now, String offset) {}

  record Advance(String duration) {}

  @GetMapping
  ClockView show() {
    return new ClockView(clock.instant().toString(), clock.offset().toString());
  }

  @PostMapping("/advance")
  ClockView advance(@RequestBody Advance request) {
    keeper.advance(request.duration());
    return show();
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> refused(Exception e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
