package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Arrays;
import org.offerdesk.app.errors.FieldError;

/**
 * What a JSON body that Jackson could not map says to its sender: the field by its path
 * ({@code availability.type}, {@code dimensions[0].key}) and, for a choice, the values it may take.
 */
public final class JsonFieldErrors {

  private JsonFieldErrors() {}

  /** A value of the wrong type or outside a choice, on its field. */
  public static FieldError of(InvalidFormatException e) {
    Class<?> target = e.getTargetType();
    if (target != null && target.isEnum()) {
      return new FieldError(path(e), "must be one of " + Arrays.toString(target.getEnumConstants()));
    }
    return new FieldError(path(e), "has the wrong type (expected "
        + (target == null ? "another type" : target.getSimpleName()) + ")");
  }

  /** The field a mapping problem is on, as the API names fields; {@code $} for the body itself. */
  public static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "$" : sb.toString();
  }
}
