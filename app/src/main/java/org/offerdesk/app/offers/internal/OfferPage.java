package org.offerdesk.app.offers.internal;

import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferStage;
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
 * One offer in the console: its terms, timeline and the actions its stage allows (publish, clone,
 * withdraw, amend, purchase instructions), with an amendment's guardrail warnings and, while it is being
 * published, a panel that follows the change set. The actions call the same commands as the API.
 */
@Controller
class OfferPage {

  private final OfferCommands commands;
  private final OfferStore store;
  private final MetadataFields fields;
  private final Listings listings;
  private final OfferAmendments amendments;
  private final PurchaseInstructions instructions;
  private final PartnerOfferStore partners;
  private final OfferRenewals renewals;
  private final OfferApprovals approvals;

  OfferPage(OfferCommands commands, OfferStore store, MetadataFields fields, Listings listings,
      OfferAmendments amendments, PurchaseInstructions instructions, PartnerOfferStore partners,
      OfferRenewals renewals, OfferApprovals approvals) {
    this.approvals = approvals;
    this.partners = partners;
    this.renewals = renewals;
    this.commands = commands;
    this.store = store;
    this.fields = fields;
    this.listings = listings;
    this.amendments = amendments;
    this.instructions = instructions;
  }

  @GetMapping("/offers/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String offer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    return offerPage(caller, commands.get(caller, id), model);
  }

  private String offerPage(Caller caller, Offer offer, Model model) {
    UUID id = offer.id();
    Optional<Listing> listing = Optional.ofNullable(offer.terms().productId())
        .flatMap(p -> listings.find(caller.organizationId(), p));
    model.addAttribute("offer", OfferView.of(offer, store.timeline(caller.organizationId(), id), List.of(),
        partners.find(caller.organizationId(), id).orElse(null)));
    model.addAttribute("listingTitle", listing.map(Listing::title).orElse(offer.terms().productId()));
    model.addAttribute("lines", OfferPageModels.PricedLine.of(offer, listing));
    model.addAttribute("metadata", OfferPageModels.MetadataSection.of(offer.terms().metadata(), fields.of(caller.organizationId())));
    model.addAttribute("publishErrors", offer.publishErrors().stream().collect(Collectors.toMap(
        e -> OfferPageModels.input(e.field()), Offer.PublishError::message, (a, b) -> a + "; " + b, LinkedHashMap::new)));
    model.addAttribute("stageStyles", OfferPageModels.STAGE_STYLES);
    model.addAttribute("labels", OfferPageModels.LABELS);
    model.addAttribute("warnings", OfferPageModels.warnings(store, offer));
    // Only a draft waits for approval: once published, its approval is history on the timeline.
    ApprovalState approval = offer.stage().isDraft() ? approvals.state(offer) : null;
    model.addAttribute("approval", approval);
    model.addAttribute("canDecide", approvals.canDecide(caller, approval));
    if (!model.containsAttribute("instructions")) {
      model.addAttribute("instructions", Map.of("to", "", "note", ""));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "offers/offer";
  }

  /**
   * What the offer page polls while the offer is publishing: the progress panel, or, once the stage
   * has moved on, a request to reload the page so that its IDs and buttons follow.
   */
  @GetMapping("/offers/{id}/progress")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String progress(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
      HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    if (offer.stage() != OfferStage.PUBLISHING) {
      response.setHeader("HX-Refresh", "true");
    }
    model.addAttribute("offer", OfferView.of(offer, store.timeline(caller.organizationId(), id)));
    model.addAttribute("stageStyles", OfferPageModels.STAGE_STYLES);
    return "offers/offer :: progress";
  }

  @PostMapping("/offers/{id}/publish")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    return act(id, redirect, () -> {
      commands.publish(caller, offer, version);
      return "Publishing to the marketplace: the change set is submitted; this page "
          + "follows it until the offer is sent.";
    });
  }

  @PostMapping("/offers/{id}/approval-requests")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String submitForApproval(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      RedirectAttributes redirect) {
    Offer offer = commands.get(caller, id);
    return act(id, redirect, () -> {
      approvals.submit(caller, offer);
      return "Submitted for approval: the approvers are told. Publish it once it is approved.";
    });
  }

  @PostMapping("/offers/{id}/clone")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String cloneOffer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    Offer copy = commands.cloneOffer(caller, id);
    redirect.addFlashAttribute("notice", "Cloned into a new draft, \"" + copy.terms().name()
        + "\": change what differs and save.");
    return "redirect:/offers/" + copy.id() + "/edit";
  }

  /** One click on an expired offer: a new draft with the same terms and dates from today. */
  @PostMapping("/offers/{id}/clone-with-new-dates")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String cloneWithNewDates(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      RedirectAttributes redirect) {
    commands.get(caller, id);
    try {
      Offer copy = renewals.cloneWithNewDates(caller, id);
      redirect.addFlashAttribute("notice", "Cloned with new dates: it now expires on " + copy.terms().expiresOn()
          + ". Check it and publish.");
      return "redirect:/offers/" + copy.id();
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "Not cloned: " + problem.getMessage());
      return "redirect:/offers/" + id;
    }
  }

  @PostMapping("/offers/{id}/cancel")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    Offer before = commands.get(caller, id);
    return act(id, redirect, () -> {
      commands.cancel(caller, id);
      return before.stage().isOpen() ? "Withdrawn: the offer's availability on the marketplace ends now."
          : "Withdrawn: the draft is cancelled.";
    });
  }

  /** Amend: drafts the replacement of an accepted offer's agreement and opens it in the form. */
  @PostMapping("/offers/{id}/amend")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String amend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    commands.get(caller, id);
    try {
      Offer draft = amendments.amend(caller, id);
      redirect.addFlashAttribute("notice", "Amendment drafted from agreement " + draft.sourceAgreementId()
          + " as the marketplace holds it, with the installments not yet due. Change what was agreed, save, and "
          + "publish it: once the buyer accepts, it replaces the agreement.");
      return "redirect:/offers/" + draft.id() + "/edit";
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "Not amended: " + problem.getMessage());
      return "redirect:/offers/" + id;
    }
  }

  /** Purchase instructions: the buyer's contacts get the offer's summary and a link to it. */
  @PostMapping("/offers/{id}/purchase-instructions")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String sendInstructions(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String to, @RequestParam(required = false) String note, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    Offer offer = commands.get(caller, id);
    List<String> recipients = to == null ? List.of()
        : Arrays.stream(to.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    try {
      instructions.send(caller, id, recipients, blankToNull(note));
      redirect.addFlashAttribute("notice", "Purchase instructions sent to " + String.join(", ", recipients)
          + ". The offer becomes VIEWED when a buyer opens their link.");
      return "redirect:/offers/" + id;
    } catch (DomainException problem) {
      if (problem.errors().isEmpty()) {
        redirect.addFlashAttribute("alert", "Purchase instructions not sent: " + problem.getMessage());
        return "redirect:/offers/" + id;
      }
      Map<String, String> errors = new LinkedHashMap<>();
      for (FieldError e : problem.errors()) {
        String field = e.field();
        String message = e.message();
        if (field.startsWith("to[")) {
          int index = Integer.parseInt(field.substring(3, field.indexOf(']')));
          message = "\"" + (index < recipients.size() ? recipients.get(index) : "") + "\" " + message;
          field = "to";
        }
        errors.merge(field, message, (a, b) -> a + "; " + b);
      }
      response.setStatus(ProblemType.of(problem).status().value());
      Map<String, String> typed = new LinkedHashMap<>();
      typed.put("to", to == null ? "" : to);
      typed.put("note", note == null ? "" : note);
      model.addAttribute("instructions", typed);
      model.addAttribute("errors", errors);
      model.addAttribute("alert", "Purchase instructions not sent: fix what is marked below.");
      return offerPage(caller, offer, model);
    }
  }

  /** Runs an action on the offer and comes back to its page, saying what it did or why it did not. */
  private static String act(UUID id, RedirectAttributes redirect, Supplier<String> action) {
    try {
      redirect.addFlashAttribute("notice", action.get());
    } catch (DomainException problem) {
      fail(problem, redirect);
    }
    return "redirect:/offers/" + id;
  }

  private static void fail(DomainException problem, RedirectAttributes redirect) {
    String detail = problem.errors().isEmpty() || problem instanceof Conflict ? problem.getMessage()
        : problem.errors().stream().map(e -> OfferPageModels.LABELS.getOrDefault(e.field(), e.field()) + " " + e.message())
            .collect(Collectors.joining("; "));
    redirect.addFlashAttribute("alert", (problem instanceof InvalidInput
        ? "Not published: fix these first (Edit): " : "") + detail);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
