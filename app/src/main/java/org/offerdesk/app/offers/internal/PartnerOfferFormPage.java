package org.offerdesk.app.offers.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.ProblemType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reseller's partner offer form: the resale authorization's wholesale prices beside the markup, the buyer's
 * price and the margin (worked out again in the browser as the markup is typed, {@code js/partner-offer-form.js}),
 * and the buyers, name and expiry. It saves through the same {@link PartnerOffers} as the API.
 */
@Controller
class PartnerOfferFormPage {

  private final PartnerOffers partnerOffers;
  private final OfferCommands commands;

  PartnerOfferFormPage(PartnerOffers partnerOffers, OfferCommands commands) {
    this.partnerOffers = partnerOffers;
    this.commands = commands;
  }

  @GetMapping(value = "/offers/new", params = "type=PARTNER")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String newPartnerOffer(@AuthenticationPrincipal Caller caller, @RequestParam String resaleAuthorizationId,
      Model model, RedirectAttributes redirect) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("resaleAuthorizationId", resaleAuthorizationId);
    values.put("markupPercent", "10.0");
    values.put("expiresOn", commands.today().plusDays(30).toString());
    return form(caller, null, values, Map.of(), null, model, redirect);
  }

  @PostMapping("/offers/new/partner")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String create(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    return submit(caller, null, params, input -> partnerOffers.create(caller, input), model, redirect, response);
  }

  @GetMapping("/offers/{id}/edit-partner")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String edit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    PartnerTerms partner = partnerOffers.terms(offer);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("resaleAuthorizationId", partner.resaleAuthorizationId());
    values.put("markupPercent", PartnerTerms.plain(partner.markupPercent()).toPlainString());
    values.put("name", offer.terms().name());
    values.put("description", offer.terms().description());
    values.put("buyerAccountIds", String.join("\n", offer.terms().buyerAccountIds()));
    values.put("expiresOn", offer.terms().expiresOn() == null ? "" : offer.terms().expiresOn().toString());
    values.put("version", String.valueOf(offer.version()));
    return form(caller, offer, values, Map.of(), null, model, redirect);
  }

  @PostMapping("/offers/{id}/edit-partner")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    return submit(caller, offer, params, input -> partnerOffers.update(caller, offer, input), model, redirect,
        response);
  }

  private String submit(Caller caller, Offer offer, Map<String, String> params, Function<OfferInput, Offer> save,
      Model model, RedirectAttributes redirect, HttpServletResponse response) {
    try {
      Offer saved = save.apply(input(params));
      redirect.addFlashAttribute("notice", "Draft saved. Publish it when it is ready for the buyer.");
      return "redirect:/offers/" + saved.id();
    } catch (DomainException problem) {
      response.setStatus(ProblemType.of(problem).status().value());
      return form(caller, offer, params, OfferFormPage.errors(problem), OfferFormPage.alert(problem), model,
          redirect);
    }
  }

  /** What the form says, as the API would send it; a value that cannot be read is refused with its field. */
  private static OfferInput input(Map<String, String> p) {
    BigDecimal markup = null;
    String typed = p.getOrDefault("markupPercent", "").strip();
    LocalDate expiresOn = null;
    String date = p.getOrDefault("expiresOn", "").strip();
    try {
      markup = typed.isEmpty() ? null : new BigDecimal(typed);
    } catch (NumberFormatException e) {
      throw new InvalidInput(List.of(new FieldError("markupPercent", "must be a number like 10.0")));
    }
    try {
      expiresOn = date.isEmpty() ? null : LocalDate.parse(date);
    } catch (RuntimeException e) {
      throw new InvalidInput(List.of(new FieldError("expiresOn", "must be a date like 2027-01-31")));
    }
    List<String> buyers = Arrays.stream(p.getOrDefault("buyerAccountIds", "").split("[\\s,]+"))
        .filter(s -> !s.isBlank()).toList();
    String version = p.get("version");
    return new OfferInput(OfferType.PARTNER, null, p.get("name"), p.get("description"), buyers, null, null, null,
        null, null, null, null, expiresOn, null, null, null, null,
        version == null || version.isBlank() ? null : Integer.valueOf(version), p.get("resaleAuthorizationId"),
        markup);
  }

  private String form(Caller caller, Offer offer, Map<String, String> values, Map<String, String> errors,
      String alert, Model model, RedirectAttributes redirect) {
    SharedAuthorization authorization;
    try {
      authorization = partnerOffers.usable(caller, values.get("resaleAuthorizationId"));
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "No offer can be built on this resale authorization: "
          + problem.errors().stream().map(FieldError::message).findFirst().orElse(problem.getMessage()));
      return "redirect:" + (offer == null ? "/partners/opportunities" : "/offers/" + offer.id());
    }
    model.addAttribute("offer", offer);
    model.addAttribute("authorization", authorization);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    model.addAttribute("action", offer == null ? "/offers/new/partner" : "/offers/" + offer.id() + "/edit-partner");
    return "offers/partner-form";
  }
}
