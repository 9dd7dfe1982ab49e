package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tags of catalog resources (entities and change sets), by ARN, in table {@code resource_tag}. */
@Repository
public class Tags {

  private final JdbcTemplate jdbc;

  Tags(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Parses a list of {@code {Key, Value}}; null means none. Keys 1..128, values 0..256, at most 200. */
  static List<ChangeSet.Tag> parse(JsonNode list, String where) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > 200) {
      throw AwsServiceException.validation(where + " must be a list of at most 200 tags.");
    }
    List<ChangeSet.Tag> tags = new ArrayList<>();
    for (JsonNode tag : list) {
      String key = tag.path("Key").asText("");
      JsonNode value = tag.get("Value");
      if (key.isEmpty() || key.length() > 128 || value == null || !value.isTextual() || value.textValue().length() > 256) {
        throw AwsServiceException.validation(where + ": each tag needs a Key of 1 to 128 characters and a Value of at most 256.");
      }
      tags.add(new ChangeSet.Tag(key, value.textValue()));
    }
    return tags;
  }

  /** Adds tags, replacing the values of keys already there. */
  void replace(String arn, List<ChangeSet.Tag> tags) {
    for (ChangeSet.Tag tag : tags) {
      jdbc.update("INSERT INTO resource_tag (resource_arn, tag_key, tag_value) VALUES (?, ?, ?) "
          + "ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value = EXCLUDED.tag_value", arn, tag.key(), tag.value());
    }
  }

  void remove(String arn, List<String> keys) {
    for (String key : keys) {
      jdbc.update("DELETE FROM resource_tag WHERE resource_arn = ? AND tag_key = ?", arn, key);
    }
  }

  List<ChangeSet.Tag> of(String arn) {
    return jdbc.query("SELECT tag_key, tag_value FROM resource_tag WHERE resource_arn = ? ORDER BY tag_key",
        (rs, row) -> new ChangeSet.Tag(rs.getString(1), rs.getString(2)), arn);
  }
}
