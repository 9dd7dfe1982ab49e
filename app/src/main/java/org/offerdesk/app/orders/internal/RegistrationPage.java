package org.offerdesk.app.orders.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The registration page a listing's fulfillment URL points to. The marketplace posts the buyer here with
 * {@code x-amzn-marketplace-token}; the buyer then fills in a form in the seller's name. Configure
 * {@code <public URL>/marketplace/register/<organization slug>} as the product's fulfillment URL (or
 * {@code /marketplace/register}, which tries each connected organization).
 */
@Controller
class RegistrationPage {

  static final String TOKEN = "x-amzn-marketplace-token";

  private final Registrations registrations;
  private final OrganizationNames names;
  private final Listings listings;

  RegistrationPage(Registrations registrations, OrganizationNames names, Listings listings) {
    this.registrations = registrations;
    this.names = names;
    this.listings = listings;
  }

  @PostMapping({"/marketplace/register", "/marketplace/register/{slug}"})
  String arrive(@PathVariable(required = false) String slug, @RequestParam(name = TOKEN, required = false) String token,
      Model model, HttpServletResponse response) {
    try {
      Optional<UUID> org = slug == null ? Optional.empty() : names.idOfSlug(slug);
      if (slug != null && org.isEmpty()) {
        throw new Registrations.Refused("This registration link is not valid", "The seller in this link is unknown.");
      }
      Registrations.Session session = registrations.arrive(token, org);
      return "redirect:/marketplace/register/session/" + session.id();
    } catch (Registrations.Refused refused) {
      return refused(refused, model, response);
    }
  }

  @GetMapping("/marketplace/register")
  String direct(Model model, HttpServletResponse response) {
    return refused(new Registrations.Refused("Open this page from AWS Marketplace",
        "Registration starts when you subscribe or accept an offer on AWS Marketplace, which sends you here."),
        model, response);
  }

  /** The form, or once submitted what was registered; {@code change} opens the form again to update it. */
  @GetMapping("/marketplace/register/session/{id}")
  String form(@PathVariable UUID id, @RequestParam(required = false) String change, Model model,
      HttpServletResponse response) {
    Optional<Registrations.Session> session = registrations.session(id);
    if (session.isEmpty()) {
      return refused(new Registrations.Refused("This registration is not valid",
          "Open the product again from AWS Marketplace to register."), model, response);
    }
    describe(session.get(), model);
    if (session.get().submitted() && change == null && !model.containsAttribute("errors")) {
      return "registration/done";
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
      model.addAttribute("form", registrations.submission(session.get()).map(RegistrationPage::formOf).orElse(Map.of()));
    }
    return "registration/form";
  }

  private static Map<String, String> formOf(Registration r) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("company", r.company());
    form.put("contactName", r.contactName());
    form.put("email", r.email());
    r.fields().forEach((k, v) -> form.put("field." + k, v == null ? null : String.valueOf(v)));
    return form;
  }

  @PostMapping("/marketplace/register/session/{id}")
  String submit(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model,
      HttpServletResponse response) {
    Map<String, String> fields = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith("field.")) {
        fields.put(k.substring("field.".length()), v);
      }
    });
    try {
      registrations.submit(id, new Registrations.Form(params.get("company"), params.get("contactName"),
          params.get("email"), fields), chosen(params.get("orderId")));
      return "redirect:/marketplace/register/session/" + id;
    } catch (Registrations.Refused refused) {
      return refused(refused, model, response);
    } catch (DomainException problem) {
      Map<String, String> errors = new LinkedHashMap<>();
      problem.errors().forEach(e -> errors.put(e.field(), e.message()));
      model.addAttribute("errors", errors);
      model.addAttribute("form", params);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return form(id, null, model, response);
    }
  }

  private static UUID chosen(String orderId) {
    try {
      return orderId == null || orderId.isBlank() ? null : UUID.fromString(orderId.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void describe(Registrations.Session session, Model model) {
    model.addAttribute("registration", session);
    model.addAttribute("seller", names.nameOf(session.organizationId()).orElse("the seller"));
    Optional<Listing> listing = session.productId() == null ? Optional.empty()
        : listings.find(session.organizationId(), session.productId());
    model.addAttribute("product", listing.map(Listing::title).orElse(session.productCode()));
    model.addAttribute("supportEmail", listing.map(l -> l.template().supportEmail()).orElse(null));
    model.addAttribute("fields", registrations.fieldsOf(session));
    // Which subscription this is: the one registered, else the buyer's open ones (a choice when several).
    Optional<Order> registered = registrations.orderOf(session);
    model.addAttribute("subscription", registered.map(o -> registrations.describe(List.of(o)).get(0)).orElse(null));
    model.addAttribute("subscriptions", registered.isPresent() ? List.of()
        : registrations.describe(registrations.subscriptionsOf(session)));
  }

  private String refused(Registrations.Refused refused, Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("title", refused.title);
    model.addAttribute("message", refused.getMessage());
    return "registration/refused";
  }
}
