package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.errors.FieldError;

/**
 * The offer form as the browser posts it: every input is named by the path the rules use for its
 * errors ({@code dimensions[0].unitPrice}, {@code metadata.booking.poNumber}), so an error lands next to
 * the input it concerns. Holds what was typed, as text, so a form with errors comes back as it was sent.
 */
final class OfferForm {

  static final int BLANK_DIMENSION_ROWS = 2;
  static final int BLANK_INSTALLMENT_ROWS = 3;

  private static final Pattern ROW = Pattern.compile("^(dimensions|paymentSchedule)\\[(\\d+)]\\.");

  /** One dimension row: a listing dimension key, its quantity and its unit price. */
  record DimensionRow(String key, String quantity, String unitPrice) {
    boolean blank() {
      return isBlank(key) && isBlank(quantity) && isBlank(unitPrice);
    }
  }

  /** One payment schedule row. */
  record InstallmentRow(String dueOn, String amount) {
    boolean blank() {
      return isBlank(dueOn) && isBlank(amount);
    }
  }

  /** The form's values by input name, as text. */
  private final Map<String, String> values;
  private final List<DimensionRow> dimensions;
  private final List<InstallmentRow> installments;
  /** Values that could not even be read (a price of "12,5"): path to message. */
  private final Map<String, String> unreadable = new LinkedHashMap<>();

  private OfferForm(Map<String, String> values) {
    this.values = values;
    this.dimensions = new ArrayList<>();
    this.installments = new ArrayList<>();
    TreeSet<Integer> dimensionRows = new TreeSet<>();
    TreeSet<Integer> installmentRows = new TreeSet<>();
    for (String name : values.keySet()) {
      Matcher m = ROW.matcher(name);
      if (m.find()) {
        (m.group(1).equals("dimensions") ? dimensionRows : installmentRows).add(Integer.parseInt(m.group(2)));
      }
    }
    for (int i : dimensionRows) {
      DimensionRow row = new DimensionRow(get("dimensions[" + i + "].key"), get("dimensions[" + i + "].quantity"),
          get("dimensions[" + i + "].unitPrice"));
      if (!row.blank()) {
        dimensions.add(row);
      }
    }
    for (int i : installmentRows) {
      InstallmentRow row = new InstallmentRow(get("paymentSchedule[" + i + "].dueOn"),
          get("paymentSchedule[" + i + "].amount"));
      if (!row.blank()) {
        installments.add(row);
      }
    }
  }

  /** An empty form for a new offer, with the defaults a deal desk usually wants. */
  static OfferForm blank(String productId, LocalDate today) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("productId", productId == null ? "" : productId);
    v.put("currency", "USD");
    v.put("pricingModel", OfferTerms.PricingModel.CONTRACT.name());
    v.put("durationMode", "months");
    v.put("durationMonths", "12");
    v.put("expiresOn", today.plusDays(30).toString());
    v.put("eula.type", OfferTerms.EulaType.STANDARD.name());
    return new OfferForm(v);
  }

  /** The form as it was posted. Unchecked checkboxes send nothing; their hidden {@code _name} marker says false. */
  static OfferForm posted(Map<String, String> params) {
    Map<String, String> v = new LinkedHashMap<>();
    params.forEach((name, value) -> {
      if (!name.startsWith("_")) {
        v.put(name, value);
      }
    });
    params.keySet().stream().filter(n -> n.startsWith("_") && !n.equals("_csrf"))
        .forEach(marker -> v.putIfAbsent(marker.substring(1), "false"));
    return new OfferForm(v);
  }

  /**
   * An offer's current terms with what was posted laid over them: how a released offer is edited, where
   * the browser sends only the fields that may still change.
   */
  static OfferForm overlay(Offer offer, Map<String, String> params) {
    Map<String, String> v = new LinkedHashMap<>(of(offer).values);
    posted(params).values.forEach(v::put);
    return new OfferForm(v);
  }

  /** The form filled in with an offer's terms. */
  static OfferForm of(Offer offer) {
    OfferTerms t = offer.terms();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("productId", nz(t.productId()));
    v.put("name", nz(t.name()));
    v.put("description", nz(t.description()));
    v.put("buyerAccountIds", String.join("\n", t.buyerAccountIds()));
    v.put("currency", nz(t.currency()));
    v.put("pricingModel", t.pricingModel().name());
    for (int i = 0; i < t.dimensions().size(); i++) {
      OfferTerms.PricedDimension d = t.dimensions().get(i);
      v.put("dimensions[" + i + "].key", nz(d.key()));
      v.put("dimensions[" + i + "].quantity", d.quantity() == null ? "" : d.quantity().toString());
      v.put("dimensions[" + i + "].unitPrice", d.unitPrice() == null ? "" : d.unitPrice().toPlainString());
    }
    v.put("durationMode", t.durationMonths() != null || t.serviceStartDate() == null ? "months" : "dates");
    v.put("durationMonths", t.durationMonths() == null ? "" : t.durationMonths().toString());
    v.put("serviceStartDate", text(t.serviceStartDate()));
    v.put("serviceEndDate", text(t.serviceEndDate()));
    for (int i = 0; i < t.paymentSchedule().size(); i++) {
      OfferTerms.Installment inst = t.paymentSchedule().get(i);
      v.put("paymentSchedule[" + i + "].dueOn", text(inst.dueOn()));
      v.put("paymentSchedule[" + i + "].amount", inst.amount() == null ? "" : inst.amount().toPlainString());
    }
    v.put("expiresOn", text(t.expiresOn()));
    v.put("eula.type", t.eula().type() == null ? "" : t.eula().type().name());
    v.put("eula.url", nz(t.eula().url()));
    v.put("refundPolicy", nz(t.refundPolicy()));
    v.put("autoRenew", String.valueOf(t.autoRenew()));
    for (MetadataGroup group : MetadataGroup.values()) {
      t.metadata().group(group).forEach((key, value) ->
          v.put("metadata." + group.name().toLowerCase() + "." + key, String.valueOf(value)));
    }
    v.put("version", String.valueOf(offer.version()));
    return new OfferForm(v);
  }

  /** What the form says, as the commands take it; values that cannot be read are left out and noted. */
  OfferInput toInput(List<MetadataField> fields) {
    unreadable.clear();
    String mode = get("durationMode");
    boolean months = !"dates".equals(mode);
    boolean dates = !"months".equals(mode);
    List<OfferInput.DimensionInput> dims = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      DimensionRow row = dimensions.get(i);
      dims.add(new OfferInput.DimensionInput(row.key(),
          read("dimensions[" + i + "].quantity", row.quantity(), Long::valueOf, "must be a whole number"),
          read("dimensions[" + i + "].unitPrice", row.unitPrice(), BigDecimal::new, "must be a number like 120.00")));
    }
    List<OfferInput.InstallmentInput> schedule = new ArrayList<>();
    for (int i = 0; i < installments.size(); i++) {
      InstallmentRow row = installments.get(i);
      schedule.add(new OfferInput.InstallmentInput(date("paymentSchedule[" + i + "].dueOn", row.dueOn()),
          read("paymentSchedule[" + i + "].amount", row.amount(), BigDecimal::new, "must be a number like 6000.00")));
    }
    Map<String, Object> booking = new LinkedHashMap<>();
    Map<String, Object> registration = new LinkedHashMap<>();
    Map<String, Object> contract = new LinkedHashMap<>();
    for (MetadataField f : fields) {
      String value = get(metadataName(f));
      if (isBlank(value)) {
        continue;
      }
      Object typed = f.type() == MetadataField.Type.BOOLEAN ? Boolean.valueOf(value.strip()) : value.strip();
      switch (f.group()) {
        case BOOKING -> booking.put(f.key(), typed);
        case REGISTRATION -> registration.put(f.key(), typed);
        case CONTRACT -> contract.put(f.key(), typed);
      }
    }
    OfferTerms.EulaType eulaType = read("eula.type", get("eula.type"), OfferTerms.EulaType::valueOf,
        "must be standard or custom");
    return new OfferInput(OfferType.DIRECT, get("productId"), get("name"), get("description"), buyers(),
        get("currency"), read("pricingModel", get("pricingModel"), OfferTerms.PricingModel::valueOf,
            "must be contract or usage"), dims,
        months ? read("durationMonths", get("durationMonths"), Integer::valueOf, "must be a whole number of months")
            : null,
        dates ? date("serviceStartDate", get("serviceStartDate")) : null,
        dates ? date("serviceEndDate", get("serviceEndDate")) : null,
        schedule, date("expiresOn", get("expiresOn")), new OfferInput.EulaInput(eulaType, get("eula.url")),
        get("refundPolicy"), Boolean.valueOf(get("autoRenew")),
        new OfferInput.MetadataInput(booking, registration, contract), version(), null, null);
  }

  /** Problems found while reading the form, before any rule ran; only valid after {@link #toInput}. */
  List<FieldError> unreadable() {
    return unreadable.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
  }

  /** Buyer account IDs: one a line, or separated by commas or spaces. */
  List<String> buyers() {
    String text = get("buyerAccountIds");
    if (isBlank(text)) {
      return List.of();
    }
    return Arrays.stream(text.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
  }

  Integer version() {
    String v = get("version");
    try {
      return isBlank(v) ? null : Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // What the template reads.

  public String get(String name) {
    String v = values.get(name);
    return v == null ? "" : v;
  }

  public boolean checked(String name) {
    return "true".equalsIgnoreCase(get(name)) || "on".equalsIgnoreCase(get(name));
  }

  /** The filled rows followed by a few blank ones, so row i of the form is item i of the rules' paths. */
  public List<DimensionRow> dimensionRows() {
    List<DimensionRow> rows = new ArrayList<>(dimensions);
    for (int i = 0; i < BLANK_DIMENSION_ROWS; i++) {
      rows.add(new DimensionRow("", "", ""));
    }
    return rows;
  }

  public List<InstallmentRow> installmentRows() {
    List<InstallmentRow> rows = new ArrayList<>(installments);
    for (int i = 0; i < BLANK_INSTALLMENT_ROWS; i++) {
      rows.add(new InstallmentRow("", ""));
    }
    return rows;
  }

  /** The dimension rows as they are, without blank ones: for a released offer, whose rows cannot grow. */
  public List<DimensionRow> filledDimensionRows() {
    return List.copyOf(dimensions);
  }

  public List<InstallmentRow> filledInstallmentRows() {
    return List.copyOf(installments);
  }

  static String metadataName(MetadataField f) {
    return "metadata." + f.group().name().toLowerCase() + "." + f.key();
  }

  private <T> T read(String path, String text, Function<String, T> parse, String problem) {
    if (isBlank(text)) {
      return null;
    }
    try {
      return parse.apply(text.strip());
    } catch (RuntimeException e) {
      unreadable.put(path, problem);
      return null;
    }
  }

  private LocalDate date(String path, String text) {
    if (isBlank(text)) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      unreadable.put(path, "must be a date like 2027-01-31");
      return null;
    }
  }

  private static String text(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
