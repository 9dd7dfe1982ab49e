package org.offerdesk.app.offers.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.ConsoleLayout;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Bring in offers made outside OfferDesk" panel of the offers page: associate one offer by its
 * marketplace ID, or import every offer of the account, with the import's progress polled by htmx. The panel
 * and the progress are written by {@link OfferImportHtml}.
 */
@Controller
class OfferImportPages {

  /** An import as the panel shows it: a progress bar while it runs, a summary once it is over. */
  record ImportProgress(UUID id, String status, Integer total, int processed, int imported, int alreadyKnown,
      int failed, List<String> errors, String startedBy, Instant startedAt, Instant finishedAt) {

    static ImportProgress of(OfferImports.ImportRun run) {
      List<String> errors = run.errors() == null || run.errors().isBlank() ? List.of()
          : Arrays.stream(run.errors().split("\n")).filter(e -> !e.isBlank()).toList();
      return new ImportProgress(run.id(), run.status(), run.total(), run.processed(), run.imported(),
          run.alreadyKnown(), run.failed(), errors, run.startedBy(), run.startedAt(), run.finishedAt());
    }

    public boolean running() {
      return "RUNNING".equals(status);
    }

    /** How far along, 0 to 100; while the account's offers are still being listed the total is unknown. */
    public int percent() {
      if (!running()) {
        return 100;
      }
      return total == null || total == 0 ? 0 : Math.min(100, processed * 100 / total);
    }
  }

  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final OfferAssociation association;
  private final OfferImports imports;
  private final ConsoleLayout layout;

  OfferImportPages(OfferAssociation association, OfferImports imports, ConsoleLayout layout) {
    this.association = association;
    this.imports = imports;
    this.layout = layout;
  }

  /**
   * Associates one offer: a new one opens on its own page; one OfferDesk already has, or a problem, comes
   * back to the panel, next to the ID that was typed.
   */
  @PostMapping("/offers/associate")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String associate(@AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String marketplaceOfferId, RedirectAttributes redirect) {
    String typed = marketplaceOfferId == null ? "" : marketplaceOfferId.strip();
    try {
      OfferAssociation.Associated result = association.associate(caller, typed);
      if (result.existed()) {
        redirect.addFlashAttribute("associateValue", typed);
        redirect.addFlashAttribute("associateKnown", result.offer().id());
        redirect.addFlashAttribute("associateKnownName", result.offer().terms().name());
        return "redirect:/offers";
      }
      redirect.addFlashAttribute("notice", "Associated " + typed + ": brought into OfferDesk from the marketplace as "
          + result.offer().stage() + ", with its terms" + (result.offer().agreementId() == null ? "."
          : " and agreement " + result.offer().agreementId() + "."));
      return "redirect:/offers/" + result.offer().id();
    } catch (DomainException problem) {
      redirect.addFlashAttribute("associateValue", typed);
      redirect.addFlashAttribute("associateError", problem.errors().isEmpty() ? problem.getMessage()
          : problem.errors().get(0).message());
      return "redirect:/offers";
    }
  }

  /** Starts "Import all" (or follows the one already running) and shows its progress on the offers page. */
  @PostMapping("/offers/import")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String importAll(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    try {
      OfferImports.ImportRun run = imports.start(caller);
      return "redirect:/offers?import=" + run.id();
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "Import not started: " + problem.getMessage());
      return "redirect:/offers";
    }
  }

  /**
   * What the panel polls while an import runs. Once it is over, htmx is asked to reload the page, so the
   * table shows the imported offers under the import's summary.
   */
  @GetMapping("/offers/imports/{importId}/progress")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ResponseEntity<String> progress(@AuthenticationPrincipal Caller caller, @PathVariable UUID importId,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    OfferImports.ImportRun run = imports.get(caller.organizationId(), importId)
        .orElseThrow(() -> new NotFound("Import " + importId));
    ImportProgress progress = ImportProgress.of(run);
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(HTML);
    if (!progress.running() && htmx != null) {
      ok.header("HX-Refresh", "true");
    }
    return ok.body(OfferImportHtml.progress(layout, progress));
  }
}
