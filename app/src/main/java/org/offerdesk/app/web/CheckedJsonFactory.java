package org.offerdesk.app.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The JSON factory of OfferDesk's ObjectMapper: every parser it makes refuses text (string values and
 * field names) that breaks {@link InputText}, so the rule holds for every body, every field and every
 * type at once instead of field by field.
 */
final class CheckedJsonFactory extends JsonFactory {

  CheckedJsonFactory() {
    super();
  }

  private CheckedJsonFactory(JsonFactory source, ObjectCodec codec) {
    super(source, codec);
  }

  @Override
  public JsonFactory copy() {
    return new CheckedJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    return new CheckedParser(super._createParser(in, ctxt));
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    return new CheckedParser(super._createParser(r, ctxt));
  }

  @Override
  protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
      throws IOException {
    return new CheckedParser(super._createParser(data, offset, len, ctxt, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
    return new CheckedParser(super._createParser(data, offset, len, ctxt));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    return new CheckedParser(super._createParser(input, ctxt));
  }

  /** A refused text, with the path of the field that held it (as {@code dimensions[0].key}). */
  static final class RefusedText extends JsonParseException {
    private final String field;

    RefusedText(JsonParser parser, String field) {
      super(parser, field + ": " + InputText.CONTROL_CHARACTER);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The field path of where a parser stands: {@code paymentSchedule[2].dueOn}, or {@code $} at the root. */
  static String path(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    build(context, sb);
    return sb.isEmpty() ? "$" : InputText.printable(sb.toString());
  }

  private static void build(JsonStreamContext context, StringBuilder sb) {
    if (context == null || context.inRoot()) {
      return;
    }
    build(context.getParent(), sb);
    if (context.inArray()) {
      sb.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
    } else if (context.getCurrentName() != null) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      sb.append(context.getCurrentName());
    }
  }

  /**
   * Checks each token as it is read. Every "next" shortcut goes through {@link #nextToken()} so that a
   * deserializer's fast path cannot skip the check.
   */
  private static final class CheckedParser extends JsonParserDelegate {

    CheckedParser(JsonParser delegate) {
      super(delegate);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && InputText.refused(getText())) {
        throw new RefusedText(this, path(getParsingContext()));
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
      return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
      return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
      return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
  }
}
