package dev.switchboard.registry.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Wrong JSON types are errors, not guesses: {@code "timeoutMs": "30"} or {@code "name": 7} is
 * refused naming the field, instead of Jackson's default of coercing between strings and scalars.
 */
@Configuration
class StrictJsonConfig {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> {
            for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
                builder.withCoercionConfig(type, config -> config.setCoercion(CoercionInputShape.String,
                        CoercionAction.Fail));
            }
            builder.withCoercionConfig(LogicalType.Textual, config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            });
        };
    }
}
