package org.offerdesk.app.webhooks.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.AddressRefused;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.FlashOutcome;
import org.offerdesk.app.webhooks.WebhookEventType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Webhooks: the endpoints, adding one (its secret shown once), and each one's delivery log. */
@Controller
@PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
class WebhooksPages {

  private static final int PAGE_SIZE = 50;

  private final WebhookAdmin admin;

  WebhooksPages(WebhookAdmin admin) {
    this.admin = admin;
  }

  @GetMapping("/settings/webhooks")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
    model.addAttribute("page", admin.list(caller, cursor, CursorPage.MAX_LIMIT));
    model.addAttribute("eventTypes", WebhookEventType.names());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of("url", "", "description", "", "events", List.of(WebhookEventType.ALL)));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "webhooks/index";
  }

  @PostMapping("/settings/webhooks")
  String create(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String url,
      @RequestParam(required = false) List<String> events, @RequestParam(required = false) String description,
      Model model, RedirectAttributes redirect) {
    try {
      WebhookAdmin.EndpointWithSecret created = admin.create(caller,
          new WebhookAdmin.NewEndpoint(url, events, description));
      redirect.addFlashAttribute("newSecret", created.secret());
      redirect.addFlashAttribute("newSecretFor", created.endpoint().url().toString());
      return "redirect:/settings/webhooks/" + created.endpoint().id();
    } catch (AddressRefused refused) {
      throw refused; // the error page, with the status the API gives it
    } catch (InvalidInput problem) {
      Map<String, String> errors = new LinkedHashMap<>();
      problem.errors().forEach(e -> errors.merge(e.field().replaceAll("\\[\\d+]$", ""), e.message(),
          (a, b) -> a + "; " + b));
      model.addAttribute("errors", errors);
      model.addAttribute("form", Map.of("url", url == null ? "" : url, "description",
          description == null ? "" : description, "events", events == null ? List.of() : events));
      return list(caller, null, model);
    }
  }

  @GetMapping("/settings/webhooks/{id}")
  String endpoint(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String status, @RequestParam(required = false) String cursor, Model model) {
    model.addAttribute("endpoint", admin.get(caller, id));
    model.addAttribute("deliveries", admin.deliveries(caller, id, status, cursor, PAGE_SIZE));
    model.addAttribute("status", status == null ? "" : status);
    model.addAttribute("statuses", DeliveryStatus.values());
    return "webhooks/endpoint";
  }

  @PostMapping("/settings/webhooks/{id}/enable")
  String enable(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    admin.change(caller, id, new WebhookAdmin.EndpointChange(null, null, null, true, false));
    redirect.addFlashAttribute("notice", "Endpoint enabled.");
    return "redirect:/settings/webhooks/" + id;
  }

  @PostMapping("/settings/webhooks/{id}/disable")
  String disable(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    admin.change(caller, id, new WebhookAdmin.EndpointChange(null, null, null, false, false));
    redirect.addFlashAttribute("notice", "Endpoint disabled: it receives no events until it is enabled again.");
    return "redirect:/settings/webhooks/" + id;
  }

  @PostMapping("/settings/webhooks/{id}/rotate")
  String rotate(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    WebhookAdmin.EndpointWithSecret rotated = admin.change(caller, id,
        new WebhookAdmin.EndpointChange(null, null, null, null, true));
    redirect.addFlashAttribute("newSecret", rotated.secret());
    redirect.addFlashAttribute("newSecretFor", rotated.endpoint().url().toString());
    return "redirect:/settings/webhooks/" + id;
  }

  @PostMapping("/settings/webhooks/{id}/test")
  String test(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    FlashOutcome.flash(redirect, () -> {
      admin.test(caller, id);
      return "Test event queued; it appears in the delivery log below.";
    });
    return "redirect:/settings/webhooks/" + id;
  }

  @PostMapping("/settings/webhooks/{id}/delete")
  String delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    Endpoint deleted = admin.delete(caller, id);
    redirect.addFlashAttribute("notice", "Deleted the endpoint " + deleted.url() + ".");
    return "redirect:/settings/webhooks";
  }

  @PostMapping("/settings/webhooks/deliveries/{id}/redeliver")
  String redeliver(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    WebhookAdmin.LoggedDelivery delivery = admin.delivery(caller, id);
    FlashOutcome.flash(redirect, () -> {
      admin.redeliver(caller, id);
      return "Redelivering " + delivery.delivery().eventType() + " " + delivery.delivery().eventId() + ".";
    });
    return "redirect:/settings/webhooks/" + delivery.delivery().endpointId();
  }
}
