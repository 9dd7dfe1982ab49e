package org.offerdesk.app.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.PageReads;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The home page: where signing in lands. Written wholly in Java, without a template: the layout by web's
 * {@link ConsoleLayout}, the page by {@link DashboardHtml}, the demo's banner (model attribute {@code demoBanner})
 * between its header and its figures; the HTML is what the templates wrote (bench D, console {@code /dashboard}).
 */
@Controller
class DashboardPage {

  /** One stage of the pipeline as the page shows it: all currencies' counts together, each total apart. */
  record StageRow(OfferStage stage, long count, List<String> totals, String link) {}

  /** What the page reads from the database. */
  private record Read(DashboardView view, Onboarding.Checklist checklist) {}

  private final Dashboard dashboard;
  private final Onboarding onboarding;
  private final PageReads pageReads;
  private final ConsoleLayout layout;
  private final String publicUrl;

  DashboardPage(Dashboard dashboard, Onboarding onboarding, PageReads pageReads, ConsoleLayout layout,
      @Value("${OFFERDESK_PUBLIC_URL:}") String publicUrl) {
    this.dashboard = dashboard;
    this.pageReads = pageReads;
    this.layout = layout;
    this.onboarding = onboarding;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @GetMapping("/dashboard")
  @PreAuthorize("hasAuthority('OFFERS_VIEW') and hasAuthority('ORDERS_VIEW')")
  View page(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String period,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String owner, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    Period chosen;
    try {
      chosen = Period.parse(period, from, to, dashboard.today());
    } catch (InvalidInput refused) {
      chosen = Period.of(Period.Kind.QUARTER, dashboard.today());
      model.addAttribute("alert", "That period cannot be shown (" + refused.errors().get(0).field() + " "
          + refused.errors().get(0).message() + "); showing this quarter.");
    }
    boolean mine = "me".equals(owner);
    Period shown = chosen;
    String base = publicUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicUrl;
    // The figures, the checklist and the layout's reads (the bell) sent together: one checkout, one round trip.
    Read read = pageReads.batch(batch -> {
      Supplier<DashboardView> figures = dashboard.of(batch, caller, shown, mine ? caller.describe() : null);
      Supplier<Onboarding.Checklist> checklist = onboarding.of(batch, caller, base);
      return () -> new Read(figures.get(), checklist.get());
    });
    DashboardView view = read.view();
    List<StageRow> stages = stageRows(view.pipeline());
    String header = DashboardHtml.header(new DashboardHtml.Header(view, mine, periodLinks(mine),
        ownerLinks(chosen), url(request, response, "/css/dashboard.css"), url(request, response, "/dashboard")));
    String figures = DashboardHtml.figures(new DashboardHtml.Figures(view, mine, read.checklist(),
        DashboardRows.checklist(read.checklist()), stages.isEmpty(), DashboardRows.pipeline(stages),
        BookingsChart.of(chosen, view.bookings().items()), DashboardRows.bookings(view.bookings().items()),
        DashboardRows.attention(view.attention().items()), view.renewalsDue().contractValue().stream()
            .map(a -> MoneyFormat.display(Money.of(a.amount(), a.currency()))).toList()));
    Object banner = model.getAttribute("demoBanner");
    return layout.page("Dashboard", "dashboard",
        "<section>", header, banner == null ? "" : banner.toString(), figures, "</section>");
  }

  /** As {@code @{path}} writes a context-relative URL: under the context path, through the response's encoding. */
  private static String url(HttpServletRequest request, HttpServletResponse response, String path) {
    return response.encodeURL(request.getContextPath() + path);
  }

  private static List<StageRow> stageRows(DashboardView.Pipeline pipeline) {
    Map<OfferStage, List<DashboardView.PipelineItem>> byStage = new LinkedHashMap<>();
    pipeline.items().forEach(i -> byStage.computeIfAbsent(i.stage(), s -> new ArrayList<>()).add(i));
    return byStage.entrySet().stream().map(e -> new StageRow(e.getKey(),
        e.getValue().stream().mapToLong(DashboardView.PipelineItem::count).sum(),
        e.getValue().stream().filter(i -> i.contractValue() != null)
            .map(i -> MoneyFormat.display(Money.of(i.contractValue(), i.currency()))).toList(),
        e.getValue().get(0).link())).toList();
  }

  /** This month, quarter or year, keeping whose offers are shown. */
  private static Map<String, String> periodLinks(boolean mine) {
    Map<String, String> links = new LinkedHashMap<>();
    for (Period.Kind kind : List.of(Period.Kind.MONTH, Period.Kind.QUARTER, Period.Kind.YEAR)) {
      links.put(kind.name(), Links.to("/dashboard").with("period", kind.name().toLowerCase())
          .with("owner", mine ? "me" : null).build());
    }
    return links;
  }

  /** The whole team or my offers, keeping the period. */
  private static Map<String, String> ownerLinks(Period period) {
    Map<String, String> links = new LinkedHashMap<>();
    for (boolean mine : new boolean[] {false, true}) {
      Links link = Links.to("/dashboard");
      if (period.kind() == Period.Kind.CUSTOM) {
        link.with("from", period.from()).with("to", period.to());
      } else {
        link.with("period", period.kind().name().toLowerCase());
      }
      links.put(mine ? "mine" : "team", link.with("owner", mine ? "me" : null).build());
    }
    return links;
  }
}
