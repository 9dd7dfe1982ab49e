package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.postgres.BoundedMemo;

/**
 * Writes an {@link OfferView} field by field with the generator: the same JSON as Jackson's bean serializer
 * with OfferDesk's settings (nulls left out, dates as ISO text, amounts of the terms as strings), without its
 * reflective accessors and per-property lookups. A page of the offers API is fifty of these with their
 * timelines, and writing them was the largest part of its CPU. {@code OfferViewJsonTest} holds it to the bean
 * serializer's output. The seller's metadata (free-form maps) and a partner offer's prices go through the
 * provider as before.
 */
final class OfferViewJson extends StdSerializer<OfferView> {

  OfferViewJson() {
    super(OfferView.class);
  }

  /**
   * The JSON last written for an offer, with the view it was written from and the settings it was written with.
   * A list's first pages show the same offers to every request until one of them changes; the view is compared
   * whole (its record equality: every field, the timeline, the metadata), which is far cheaper than writing it,
   * so what is sent is exactly what writing this view would send.
   */
  private record Written(OfferView view, SerializationConfig config, int features, RawJson json) {}

  /** Past this many offers the cache starts again from empty (about 1.5 KB of JSON an offer). */
  private static final int MAX_WRITTEN = 10_000;

  private static final BoundedMemo<UUID, Written> WRITTEN = new BoundedMemo<>(MAX_WRITTEN);

  private static final JsonFactory OWN = new JsonFactory();

  @Override
  public void serialize(OfferView v, JsonGenerator g, SerializerProvider provider) throws IOException {
    // Only for the plain writer the API uses: no pretty printer, no custom escapes, all in one generator type;
    // never into a tree being built (valueToTree, convertValue): raw text there would be a POJO node, not fields.
    if (v.id() == null || g instanceof TokenBuffer || g.getPrettyPrinter() != null
        || g.getCharacterEscapes() != null || g.getHighestEscapedChar() != 0) {
      write(v, g, provider);
      return;
    }
    Written last = WRITTEN.get(v.id());
    if (last != null && last.config() == provider.getConfig() && last.features() == g.getFeatureMask()
        && last.view().equals(v)) {
      g.writeRawValue(last.json());
      return;
    }
    ByteArrayBuilder bytes = new ByteArrayBuilder(2_000);
    try (JsonGenerator own = OWN.createGenerator(bytes)) {
      own.setFeatureMask(g.getFeatureMask());
      write(v, own, provider);
    }
    RawJson json = new RawJson(bytes.toByteArray());
    WRITTEN.put(v.id(), new Written(v, provider.getConfig(), g.getFeatureMask(), json));
    g.writeRawValue(json);
  }

  /** The offer's JSON as written, field by field. */
  private static void write(OfferView v, JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeStartObject();
    string(g, "id", v.id() == null ? null : v.id().toString());
    string(g, "type", v.type() == null ? null : v.type().name());
    string(g, "stage", v.stage() == null ? null : v.stage().name());
    string(g, "name", v.name());
    string(g, "description", v.description());
    string(g, "productId", v.productId());
    strings(g, "buyerAccountIds", v.buyerAccountIds());
    string(g, "currency", v.currency());
    string(g, "pricingModel", v.pricingModel() == null ? null : v.pricingModel().name());
    objects(g, "dimensions", v.dimensions(), (OfferTerms.PricedDimension d) -> {
      string(g, "key", d.key());
      if (d.quantity() != null) {
        g.writeNumberField("quantity", d.quantity());
      }
      decimal(g, "unitPrice", d.unitPrice());
    });
    string(g, "contractTotal", v.contractTotal());
    if (v.durationMonths() != null) {
      g.writeNumberField("durationMonths", v.durationMonths());
    }
    date(g, "serviceStartDate", v.serviceStartDate());
    date(g, "serviceEndDate", v.serviceEndDate());
    objects(g, "paymentSchedule", v.paymentSchedule(), (OfferTerms.Installment i) -> {
      date(g, "dueOn", i.dueOn());
      decimal(g, "amount", i.amount());
    });
    date(g, "expiresOn", v.expiresOn());
    if (v.eula() != null) {
      g.writeObjectFieldStart("eula");
      string(g, "type", v.eula().type() == null ? null : v.eula().type().name());
      string(g, "url", v.eula().url());
      g.writeEndObject();
    }
    string(g, "refundPolicy", v.refundPolicy());
    g.writeBooleanField("autoRenew", v.autoRenew());
    if (v.metadata() != null) {
      g.writeObjectFieldStart("metadata");
      map(g, provider, "booking", v.metadata().booking());
      map(g, provider, "registration", v.metadata().registration());
      map(g, provider, "contract", v.metadata().contract());
      g.writeEndObject();
    }
    string(g, "marketplaceOfferId", v.marketplaceOfferId());
    string(g, "changeSetId", v.changeSetId());
    string(g, "agreementId", v.agreementId());
    string(g, "sourceAgreementId", v.sourceAgreementId());
    string(g, "clonedFrom", v.clonedFrom() == null ? null : v.clonedFrom().toString());
    string(g, "reissueOf", v.reissueOf() == null ? null : v.reissueOf().toString());
    objects(g, "publishErrors", v.publishErrors(), (Offer.PublishError e) -> {
      string(g, "field", e.field());
      string(g, "code", e.code());
      string(g, "message", e.message());
    });
    string(g, "owner", v.owner());
    g.writeNumberField("version", v.version());
    g.writeNumberField("revision", v.revision());
    instant(g, "createdAt", v.createdAt());
    instant(g, "updatedAt", v.updatedAt());
    strings(g, "actions", v.actions());
    strings(g, "warnings", v.warnings());
    g.writeBooleanField("needsReview", v.needsReview());
    strings(g, "missingTerms", v.missingTerms());
    g.writeBooleanField("renewal", v.renewal());
    string(g, "renewsAgreementId", v.renewsAgreementId());
    objects(g, "timeline", v.timeline(), (OfferStore.TimelineEntry t) -> {
      instant(g, "at", t.at());
      string(g, "stage", t.stage() == null ? null : t.stage().name());
      string(g, "cause", t.cause());
      string(g, "detail", t.detail());
      string(g, "actor", t.actor());
    });
    string(g, "resaleAuthorizationId", v.resaleAuthorizationId());
    string(g, "resellerAccountId", v.resellerAccountId());
    string(g, "markupPercent", v.markupPercent());
    if (v.partner() != null) {
      provider.defaultSerializeField("partner", v.partner(), g);
    }
    g.writeEndObject();
  }

  /** What is written inside each object of an array. */
  private interface Fields<T> {
    void write(T item) throws IOException;
  }

  /** An array, left out when null; a null item written as null, as the bean serializer does. */
  private static <T> void array(JsonGenerator g, String name, List<T> items, Fields<T> item) throws IOException {
    if (items == null) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (T t : items) {
      if (t == null) {
        g.writeNull();
      } else {
        item.write(t);
      }
    }
    g.writeEndArray();
  }

  /** An array of objects, each written by {@code fields} between its braces. */
  private static <T> void objects(JsonGenerator g, String name, List<T> items, Fields<T> fields) throws IOException {
    array(g, name, items, t -> {
      g.writeStartObject();
      fields.write(t);
      g.writeEndObject();
    });
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    array(g, name, values, g::writeString);
  }

  private static void decimal(JsonGenerator g, String name, BigDecimal value) throws IOException {
    if (value != null) {
      g.writeStringField(name, g.isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature())
          ? value.toPlainString() : value.toString());
    }
  }

  /** ISO-8601, as the Java time module writes a LocalDate when dates are not timestamps. */
  private static void date(JsonGenerator g, String name, LocalDate value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }

  /** ISO-8601 in UTC, as {@code DateTimeFormatter.ISO_INSTANT} (and {@link Instant#toString}) writes it. */
  private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
    if (value != null) {
      g.writeStringField(name, iso(value));
    }
  }

  /** The last midnight this formatter writes itself: 9999-12-31T00:00:00Z; later and before 1970 as the JDK does. */
  private static final long LAST_DAY = 2932896L;

  /**
   * {@link Instant#toString}'s text without its formatter's machinery (a LocalDateTime, a StringBuilder and a
   * parsed-fields walk per instant: a page of offers writes about 300 instants); the fraction, as there, in
   * groups of three digits as needed. {@code OfferViewJsonTest} compares the two.
   */
  static String iso(Instant value) {
    long seconds = value.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400L);
    if (day < 0 || day > LAST_DAY) {
      return value.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    int secondOfDay = (int) (seconds - day * 86_400L);
    int nano = value.getNano();
    int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    int at = 19;
    if (digits > 0) {
      out[at++] = '.';
      put(out, at, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
      at += digits;
    }
    out[at] = 'Z';
    return new String(out);
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** A free-form map through the provider: its values may be of any type, and null values are left out. */
  private static void map(JsonGenerator g, SerializerProvider provider, String name, Map<String, Object> value)
      throws IOException {
    if (value == null) {
      return;
    }
    if (value.isEmpty()) {
      g.writeObjectFieldStart(name);
      g.writeEndObject();
      return;
    }
    provider.defaultSerializeField(name, value, g);
  }
  /** JSON text already written (UTF-8), copied into the output as it is. */
  static final class RawJson implements SerializableString {

    private final byte[] utf8;

    RawJson(byte[] utf8) {
      this.utf8 = utf8;
    }

    @Override
    public String getValue() {
      return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
      return utf8;
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      return -1;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (offset + utf8.length > buffer.length) {
        return -1;
      }
      System.arraycopy(utf8, 0, buffer, offset, utf8.length);
      return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      return -1;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
      return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (buffer.remaining() < utf8.length) {
        return -1;
      }
      buffer.put(utf8);
      return utf8.length;
    }
  }
}
