package org.offerdesk.app.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console opens on the dashboard: how the quarter goes, and what needs attention. */
@Controller
class HomePage {

  @GetMapping("/")
  String home() {
    return "redirect:/dashboard";
  }
}
