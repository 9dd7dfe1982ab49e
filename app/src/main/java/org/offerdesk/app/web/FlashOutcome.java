package org.offerdesk.app.web;

import java.util.function.Supplier;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A console button that acts and redirects back: the page after the redirect shows what happened, as a
 * notice when the action succeeded or as an alert with the reason when the state did not allow it. What
 * does not exist (or belongs to another organization) still answers the 404 page.
 */
public final class FlashOutcome {

  private FlashOutcome() {}

  /** @param action does the work and returns the notice to show */
  public static void flash(RedirectAttributes redirect, Supplier<String> action) {
    try {
      redirect.addFlashAttribute("notice", action.get());
    } catch (NotFound missing) {
      throw missing;
    } catch (DomainException refused) {
      redirect.addFlashAttribute("alert", refused.getMessage());
    }
  }
}
