package org.offerdesk.app.marketplace.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.ConnectionCheck;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Marketplace: the connection form, its Test connection button and the data feed bucket. */
@Controller
class MarketplacePage {

  private final ConnectionSettings settings;
  private final DataFeedSettings dataFeeds;

  MarketplacePage(ConnectionSettings settings, DataFeedSettings dataFeeds) {
    this.settings = settings;
    this.dataFeeds = dataFeeds;
  }

  @GetMapping("/settings/marketplace")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String page(@AuthenticationPrincipal Caller caller, Model model) {
    MarketplaceConnection c = settings.get(caller).orElse(null);
    model.addAttribute("connection", c);
    model.addAttribute("dataFeeds", dataFeeds.find(caller.organizationId()).orElse(null));
    if (!model.containsAttribute("form")) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("awsAccountId", c == null ? "" : c.awsAccountId());
      form.put("region", c == null ? "us-east-1" : c.region());
      form.put("credentialsType", c == null ? "ACCESS_KEY" : c.credentialsType().name());
      form.put("accessKeyId", c == null || c.accessKeyId() == null ? "" : c.accessKeyId());
      form.put("roleArn", c == null || c.roleArn() == null ? "" : c.roleArn());
      form.put("externalId", c == null || c.externalId() == null ? "" : c.externalId());
      form.put("endpointOverride", c == null || c.endpointOverride() == null ? "" : c.endpointOverride().toString());
      form.put("version", c == null ? "" : String.valueOf(c.version()));
      model.addAttribute("form", form);
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "settings/marketplace";
  }

  @PostMapping("/settings/marketplace")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String save(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect) {
    try {
      CredentialsType type = "ASSUME_ROLE".equals(params.get("credentialsType"))
          ? CredentialsType.ASSUME_ROLE : CredentialsType.ACCESS_KEY;
      String version = params.get("version");
      settings.save(caller, new ConnectionSettings.ConnectionForm(params.get("awsAccountId"), params.get("region"),
          type, params.get("accessKeyId"), params.get("secretAccessKey"), params.get("roleArn"),
          params.get("externalId"), params.get("endpointOverride"),
          version == null || version.isBlank() ? null : Integer.valueOf(version)));
      redirect.addFlashAttribute("notice", "Marketplace connection saved. Test it to be sure it works.");
      return "redirect:/settings/marketplace";
    } catch (DomainException problem) {
      Map<String, String> errors = new LinkedHashMap<>();
      problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
      if (errors.isEmpty()) {
        errors.put("_", problem.getMessage());
      }
      Map<String, String> form = new LinkedHashMap<>(params);
      form.remove("secretAccessKey");
      form.remove("_csrf");
      model.addAttribute("errors", errors);
      model.addAttribute("form", form);
      return page(caller, model);
    }
  }

  @PostMapping("/settings/marketplace/data-feeds")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String saveDataFeeds(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params,
      RedirectAttributes redirect) {
    try {
      dataFeeds.save(caller, params.get("bucket"), params.get("prefix"), params.get("kmsNote"));
      redirect.addFlashAttribute("notice", "Data feed bucket saved.");
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", problem.errors().isEmpty() ? problem.getMessage()
          : problem.errors().get(0).field() + " " + problem.errors().get(0).message());
    }
    return "redirect:/settings/marketplace";
  }

  @PostMapping("/settings/marketplace/test")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String test(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    ConnectionCheck check = settings.test(caller);
    redirect.addFlashAttribute(check.ok() ? "notice" : "alert", check.message());
    return "redirect:/settings/marketplace";
  }
}
