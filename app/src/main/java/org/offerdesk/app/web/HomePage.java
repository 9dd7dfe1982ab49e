package org.offerdesk.app.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console opens on the offers, where a deal desk spends its day. */
@Controller
class HomePage {

  @GetMapping("/")
  String home() {
    return "redirect:/offers";
  }
}
