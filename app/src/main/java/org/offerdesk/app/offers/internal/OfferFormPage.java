package org.offerdesk.app.offers.internal;

import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferStage;
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
 * The offer form in its four uses: a new offer, a draft's edit, a released offer's edit (only what the
 * marketplace lets change after release) and withdraw-and-reissue (the whole form on a copy). A form that
 * does not pass comes back with every problem marked at once and nothing written.
 */
@Controller
class OfferFormPage {

  private final OfferCommands commands;
  private final OfferStore store;
  private final MetadataFields fields;
  private final Listings listings;

  OfferFormPage(OfferCommands commands, OfferStore store, MetadataFields fields, Listings listings) {
    this.commands = commands;
    this.store = store;
    this.fields = fields;
    this.listings = listings;
  }

  @GetMapping("/offers/new")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String newOffer(@AuthenticationPrincipal Caller caller, Model model) {
    List<Listing> offerable = offerable(caller, null);
    OfferForm form = OfferForm.blank(offerable.size() == 1 ? offerable.get(0).productId() : null, commands.today());
    return form(caller, "new", null, form, Map.of(), null, model);
  }

  @PostMapping("/offers/new")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String create(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    return submit(caller, "new", null, OfferForm.posted(params), input -> new Saved(commands.create(caller, input),
        "Draft saved. Publish it when it is ready for the buyer."), model, redirect, response);
  }

  @GetMapping("/offers/{id}/edit")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String edit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    if (offer.type() == OfferType.PARTNER && offer.stage().isDraft()) {
      return "redirect:/offers/" + id + "/edit-partner";
    }
    if (!offer.stage().isDraft() && !offer.stage().isOpen()) {
      redirect.addFlashAttribute("alert", notEditable(offer));
      return "redirect:/offers/" + id;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    offer.publishErrors().forEach(e -> errors.merge(OfferPageModels.input(e.field()), e.message(), (a, b) -> a + "; " + b));
    return form(caller, offer.stage().isOpen() ? "released" : "draft", offer, OfferForm.of(offer), errors, null,
        model);
  }

  @PostMapping("/offers/{id}/edit")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    boolean released = offer.stage().isOpen();
    // A released offer's form sends only what may still change; the rest is the offer's own terms.
    OfferForm form = released ? OfferForm.overlay(offer, params) : OfferForm.posted(params);
    return submit(caller, released ? "released" : "draft", offer, form, input -> new Saved(
        commands.update(caller, id, input), released
            ? "Saved. Changes to name, description or expiry are sent to the marketplace."
            : "Draft saved."), model, redirect, response);
  }

  /** Withdraw and reissue: the whole form, on a copy of the released offer's terms. */
  @GetMapping("/offers/{id}/reissue")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String reissueForm(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    if (!offer.stage().isOpen()) {
      redirect.addFlashAttribute("alert", "Only a sent or viewed offer can be withdrawn and reissued; this one is "
          + offer.stage() + ".");
      return "redirect:/offers/" + id;
    }
    return form(caller, "reissue", offer, OfferForm.of(offer), Map.of(), null, model);
  }

  @PostMapping("/offers/{id}/reissue")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String reissue(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    return submit(caller, "reissue", offer, OfferForm.posted(params), input -> new Saved(
        commands.reissue(caller, id, input), "Withdrew \"" + offer.terms().name()
            + "\" and published this corrected copy in its place."), model, redirect, response);
  }

  /** What saving a form made (the offer the browser goes to next) and what the page then says. */
  private record Saved(Offer offer, String notice) {}

  /**
   * Saves a posted form: on success the notice and the saved offer's page; otherwise the form again, with
   * the answer's status and every problem marked.
   */
  private String submit(Caller caller, String mode, Offer offer, OfferForm form, Function<OfferInput, Saved> save,
      Model model, RedirectAttributes redirect, HttpServletResponse response) {
    try {
      Saved saved = save.apply(checked(caller, form));
      redirect.addFlashAttribute("notice", saved.notice());
      return "redirect:/offers/" + saved.offer().id();
    } catch (DomainException problem) {
      response.setStatus(ProblemType.of(problem).status().value());
      return form(caller, mode, offer, form, errors(problem), alert(problem), model);
    }
  }

  private String form(Caller caller, String mode, Offer offer, OfferForm form, Map<String, String> errors,
      String alert, Model model) {
    List<MetadataField> defined = fields.of(caller.organizationId());
    List<Listing> offerable = offerable(caller, form.get("productId"));
    model.addAttribute("mode", mode);
    model.addAttribute("frozen", "released".equals(mode));
    model.addAttribute("offer", offer == null ? null : OfferView.of(offer, List.of()));
    model.addAttribute("action", switch (mode) {
      case "new" -> "/offers/new";
      case "reissue" -> "/offers/" + offer.id() + "/reissue";
      default -> "/offers/" + offer.id() + "/edit";
    });
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    model.addAttribute("listings", offerable);
    model.addAttribute("dimensionOptions", dimensionOptions(offerable, form));
    model.addAttribute("currencies", OfferRules.CURRENCIES.stream().sorted().toList());
    model.addAttribute("pricingModels", OfferTerms.PricingModel.values());
    model.addAttribute("metadata", OfferPageModels.MetadataSection.of(OfferTerms.Metadata.empty(), defined));
    model.addAttribute("labels", OfferPageModels.LABELS);
    model.addAttribute("stageStyles", OfferPageModels.STAGE_STYLES);
    model.addAttribute("warnings", offer == null || "reissue".equals(mode) ? List.of() : OfferPageModels.warnings(store, offer));
    return "offers/form";
  }

  /**
   * The input the form makes; when some of it could not even be read, the rules still run on the rest
   * so that every problem is shown at once, and nothing is written.
   */
  private OfferInput checked(Caller caller, OfferForm form) {
    List<MetadataField> defined = fields.of(caller.organizationId());
    OfferInput input = form.toInput(defined);
    List<FieldError> unreadable = form.unreadable();
    if (unreadable.isEmpty()) {
      return input;
    }
    List<FieldError> all = new ArrayList<>(unreadable);
    for (FieldError e : commands.validationErrors(caller, input.toTerms())) {
      if (unreadable.stream().noneMatch(u -> u.field().equals(e.field()))) {
        all.add(e);
      }
    }
    throw new InvalidInput(all);
  }

  private List<Listing> offerable(Caller caller, String current) {
    return listings.all(caller.organizationId()).stream()
        .filter(l -> l.state().acceptsOffers() || l.productId().equals(current)).toList();
  }

  /** Every dimension key of the listings, and any key the form holds that none of them has (kept as typed). */
  private static List<OfferPageModels.DimensionOption> dimensionOptions(List<Listing> offerable, OfferForm form) {
    Map<String, OfferPageModels.DimensionOption> options = new LinkedHashMap<>();
    String chosen = form.get("productId");
    List<Listing> ordered = new ArrayList<>(offerable);
    ordered.sort((a, b) -> Boolean.compare(!a.productId().equals(chosen), !b.productId().equals(chosen)));
    for (Listing l : ordered) {
      for (Listing.Dimension d : l.dimensions()) {
        String label = d.key() + (d.name() == null || d.name().equals(d.key()) ? "" : " · " + d.name())
            + (d.isContract() ? "" : " (usage)");
        options.putIfAbsent(d.key(), new OfferPageModels.DimensionOption(d.key(), label));
      }
    }
    for (OfferForm.DimensionRow row : form.dimensionRows()) {
      if (!row.key().isBlank()) {
        options.putIfAbsent(row.key(), new OfferPageModels.DimensionOption(row.key(), row.key() + " (not on your listings)"));
      }
    }
    return List.copyOf(options.values());
  }

  /** Errors by the name of the input they belong to: each buyer's error goes under the buyers box. */
  static Map<String, String> errors(DomainException problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError e : problem.errors()) {
      String field = e.field();
      String message = e.message();
      if (field.startsWith("buyerAccountIds[")) {
        int index = Integer.parseInt(field.substring("buyerAccountIds[".length(), field.indexOf(']')));
        field = "buyerAccountIds";
        message = "line " + (index + 1) + ": " + message;
      }
      errors.merge(OfferPageModels.input(field), message, (a, b) -> a + "; " + b);
    }
    return errors;
  }

  /** The message above the form: what a conflict says, or how many fields need a fix. */
  static String alert(DomainException problem) {
    if (problem instanceof Conflict) {
      return problem.getMessage();
    }
    if (problem.errors().isEmpty()) {
      return problem.getMessage();
    }
    int n = problem.errors().size();
    return n == 1 ? "One field needs a fix; it is marked below." : n + " fields need a fix; they are marked below.";
  }

  private static String notEditable(Offer offer) {
    if (offer.stage().isAccepted()) {
      return "This offer was accepted and can no longer be edited; amend its agreement instead.";
    }
    return "An offer that is " + offer.stage() + " cannot be edited" + (offer.stage() == OfferStage.PUBLISHING
        ? " while it is being published; wait until it is sent." : ".");
  }
}
