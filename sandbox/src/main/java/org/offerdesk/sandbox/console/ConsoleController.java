package org.offerdesk.sandbox.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.CatalogEntities;
import org.offerdesk.sandbox.catalog.ChangeSets;
import org.offerdesk.sandbox.catalog.EntityType;
import org.offerdesk.sandbox.clock.SandboxClock;
import org.offerdesk.sandbox.faults.Faults;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page {@code /sandbox/}: accounts, products, offers, resale authorizations, agreements and change sets. */
@Controller
class ConsoleController {

  private final Accounts accounts;
  private final CatalogEntities entities;
  private final ChangeSets changeSets;
  private final Faults faults;
  private final Agreements agreements;
  private final SandboxClock clock;

  ConsoleController(Accounts accounts, CatalogEntities entities, ChangeSets changeSets, Faults faults, Agreements agreements,
      SandboxClock clock) {
    this.agreements = agreements;
    this.accounts = accounts;
    this.entities = entities;
    this.changeSets = changeSets;
    this.faults = faults;
    this.clock = clock;
  }

  @GetMapping({"/sandbox", "/sandbox/"})
  String console(Model model) {
    model.addAttribute("now", clock.instant());
    model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    model.addAttribute("accounts", accounts.all());
    model.addAttribute("products", entities.all(EntityType.SAAS_PRODUCT));
    model.addAttribute("offers", entities.all(EntityType.OFFER));
    model.addAttribute("resaleAuthorizations", entities.all(EntityType.RESALE_AUTHORIZATION));
    model.addAttribute("changeSets", changeSets.recent(100));
    model.addAttribute("faults", faults.current());
    model.addAttribute("agreements", agreements.recent(100));
    model.addAttribute("clockOffset", clock.offset());
    return "sandbox/console";
  }
}
