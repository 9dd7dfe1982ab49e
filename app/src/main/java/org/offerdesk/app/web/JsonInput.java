package org.offerdesk.app.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import java.util.Map;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How OfferDesk reads JSON, in one place for every body and every field: text without control
 * characters ({@link CheckedJsonFactory}), no key twice in an object, and no null element in a list
 * or array. Each is refused while reading, before a controller runs, and {@link ProblemHandling} names
 * the field in a 400.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
    return builder -> builder.factory(new CheckedJsonFactory())
        .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .postConfigurer(mapper -> {
          mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
          // A null map value is meaningful (an offer's metadata field left empty); only lists refuse nulls.
          mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SET));
        });
  }
}
